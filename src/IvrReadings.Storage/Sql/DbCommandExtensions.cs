using System.Data;
using System.Data.Common;

namespace IvrReadings.Storage.Sql;

/// <summary>Typed parameter setters: a null needs its type, or PostgreSQL cannot infer it in expressions like <c>@x IS NULL</c>.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand Set(this DbCommand command, string name, string? value) => command.Put(name, DbType.String, value);

    public static DbCommand Set(this DbCommand command, string name, long? value) => command.Put(name, DbType.Int64, value);

    public static DbCommand Set(this DbCommand command, string name, int? value) => command.Put(name, DbType.Int32, value);

    public static DbCommand Set(this DbCommand command, string name, byte[]? value) => command.Put(name, DbType.Binary, value);

    /// <summary>An array parameter (PostgreSQL <c>unnest</c>); the provider infers the array type from the CLR array.</summary>
    public static DbCommand SetArray(this DbCommand command, string name, Array values)
    {
        var index = command.Parameters.IndexOf(name);
        var parameter = index >= 0 ? command.Parameters[index] : command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = values;
        if (index < 0) command.Parameters.Add(parameter);
        return command;
    }

    private static DbCommand Put(this DbCommand command, string name, DbType type, object? value)
    {
        DbParameter parameter;
        var index = command.Parameters.IndexOf(name);
        if (index >= 0)
        {
            parameter = command.Parameters[index];
        }
        else
        {
            parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            command.Parameters.Add(parameter);
        }

        parameter.Value = value ?? DBNull.Value;
        return command;
    }

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? NullableInt64(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static int Int32(this DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public static long Int64(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
