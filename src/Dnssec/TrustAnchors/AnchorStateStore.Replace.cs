using System.Runtime.InteropServices;
using System.Text;

namespace Dnssec.TrustAnchors;

/// <summary>Writing the state file by replacement, and flushing the folder so that the rename survives a power loss.</summary>
public sealed partial class AnchorStateStore
{
    /// <summary>Whether the folder can be flushed after the rename on this system (Linux, macOS, FreeBSD); elsewhere the rename is atomic but its durability is the file system's.</summary>
    public static bool SyncsFolder => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    private async ValueTask<AnchorStateResult> ReplaceAsync(IReadOnlyList<TrustPoint> trustPoints, CancellationToken cancellationToken)
    {
        byte[] content = new UTF8Encoding(false).GetBytes(AnchorStateText.Format(trustPoints));
        // One name is enough: only the holder of the lock writes it, and a leftover from a killed writer is truncated.
        string temporary = Path + ".tmp";
        try
        {
            FileStream stream = new(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return AnchorStateResult.Failure(AnchorStateError.WriteFailed, Path, null, $"the new state could not be written; the old file is unchanged: {exception.Message}");
        }

        string? folderError = SyncFolder(System.IO.Path.GetDirectoryName(Path)!);
        return folderError is null
            ? AnchorStateResult.Success(trustPoints)
            : AnchorStateResult.Failure(AnchorStateError.WriteFailed, Path, null, $"the new state is in place but its folder could not be flushed, so it may not survive a power loss: {folderError}");
    }

    private static string? SyncFolder(string folder)
    {
        if (!SyncsFolder)
        {
            return null;
        }

        // .NET refuses to open a directory as a file, so the folder is opened and flushed through libc.
        int descriptor = NativeMethods.Open(folder, 0);
        if (descriptor < 0)
        {
            return $"open failed with errno {Marshal.GetLastPInvokeError()}";
        }

        int result = NativeMethods.Fsync(descriptor);
        int error = Marshal.GetLastPInvokeError();
        _ = NativeMethods.Close(descriptor);
        return result == 0 ? null : $"fsync failed with errno {error}";
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Fsync(int descriptor);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int descriptor);
    }
}
