namespace IvrReadings.FastAgi;

/// <summary>What the listener keeps of one connection while <see cref="FastAgiConnectionHandler.HandleAsync"/> runs it:
/// told when the connection becomes a call (its environment block is in), when handling it failed, and when it is
/// over.</summary>
internal abstract class AgiConnectionSlot
{
    public abstract void Identified();

    public abstract void Failed(Exception exception);

    public abstract void Ended();
}
