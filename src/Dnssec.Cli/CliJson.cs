using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dnssec.Cli;

/// <summary>What every `--json` output shares: the writer's options, the schema version and the error object (JSON.md).</summary>
internal static class CliJson
{
    /// <summary>The version of JSON.md's schema; raised only when a field changes meaning or goes away.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Error code: a malformed argument, or options that exclude each other.</summary>
    public const string Usage = "usage";

    /// <summary>Error code: a file, resolv.conf, hints, anchors or the network failed.</summary>
    public const string Io = "io";

    /// <summary>Error code: --timeout ran out.</summary>
    public const string Timeout = "timeout";

    /// <summary>Error code: the input was read but is malformed (verify-zone's exit status 1).</summary>
    public const string Invalid = "invalid";

    /// <summary>
    /// Indented output with the relaxed encoder: base64 and zone-file text keep their '+', '&lt;' and '&gt;' instead of
    /// \u002B and the like. That escaping only protects JSON pasted into HTML or a script, which this output never is;
    /// control characters, quotes and backslashes are still escaped, so the output stays valid JSON.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the schema version, the first field of every top-level object.</summary>
    public static void WriteSchemaVersion(Utf8JsonWriter writer) => writer.WriteNumber("schemaVersion", SchemaVersion);

    /// <summary>Writes one top-level object, the schema version first, then <paramref name="body"/>, and a newline on stdout.</summary>
    public static void WriteObject(Action<Utf8JsonWriter> body, bool indented = true)
    {
        using Stream stream = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions with { Indented = indented }))
        {
            writer.WriteStartObject();
            WriteSchemaVersion(writer);
            body(writer);
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    /// <summary>Prints the failure object on stdout: {"schemaVersion":1,"error":{"code","message"}}.</summary>
    public static void WriteError(string code, string message) => WriteObject(writer =>
    {
        writer.WriteStartObject("error");
        writer.WriteString("code", code);
        writer.WriteString("message", message);
        writer.WriteEndObject();
    });

    /// <summary>
    /// Reports a failure as every command does: "<paramref name="command"/>: message" on stderr, and with --json also
    /// the error object on stdout, so that a script reads the code without parsing text.
    /// </summary>
    /// <returns><paramref name="exitCode"/>, exit status 3 unless told otherwise.</returns>
    public static int Fail(string command, bool json, string code, string message, int exitCode = ExitCodes.UsageOrIo)
    {
        Console.Error.WriteLine($"{command}: {message}");
        if (json)
        {
            WriteError(code, message);
        }

        return exitCode;
    }

    /// <summary>Writes a number, or null when there is none.</summary>
    public static void WriteNumberOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
