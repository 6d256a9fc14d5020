namespace IvrReadings.FastAgi;

/// <summary>One <c>AddAgiScript&lt;T&gt;(name)</c> registration: which handler type serves which script name.</summary>
public sealed record AgiScriptRegistration(string ScriptName, Type HandlerType);
