using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dnssec.Cli;

/// <summary>What every `--json` output shares: the writer's options, the schema version and the error object (JSON.md).</summary>
internal static class CliJson
{
    /// <summary>The version of JSON.md's schema; raised only when a field changes meaning or goes away.</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// Indented output with the relaxed encoder: base64 and zone-file text keep their '+', '&lt;' and '&gt;' instead of
    /// \u002B and the like. That escaping only protects JSON pasted into HTML or a script, which this output never is;
    /// control characters, quotes and backslashes are still escaped, so the output stays valid JSON.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the schema version, the first field of every top-level object.</summary>
    public static void WriteSchemaVersion(Utf8JsonWriter writer) => writer.WriteNumber("schemaVersion", SchemaVersion);

    /// <summary>Prints the failure object on stdout: {"schemaVersion":1,"error":{"code","message"}}.</summary>
    public static void WriteError(string code, string message)
    {
        using Stream stream = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            WriteSchemaVersion(writer);
            writer.WriteStartObject("error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }
}
