using System.Text;

namespace Dnssec.TrustAnchors;

/// <summary>
/// The RFC 5011 state file on disk: read with every field and the checksum checked, written by replacing it (temporary
/// file, fsync, rename, fsync of the folder) under a lock file that keeps other processes out. A file that cannot be
/// read is reported, never reset or overwritten.
/// </summary>
public sealed partial class AnchorStateStore
{
    /// <summary>How long a writer waits for another process to release the lock by default.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time;

    /// <summary>Creates a store for the state file at <paramref name="path"/>; the lock file is beside it.</summary>
    public AnchorStateStore(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The full path of the state file.</summary>
    public string Path { get; }

    /// <summary>The path of the lock file: the state file's with <c>.lock</c> appended.</summary>
    public string LockPath => Path + ".lock";

    /// <summary>How long <see cref="UpdateAsync"/> and <see cref="SaveAsync"/> wait for the lock before failing with <see cref="AnchorStateError.Locked"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan LockTimeout
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultLockTimeout;

    /// <summary>Reads the state file; no lock is needed because writers only ever rename a complete file into place.</summary>
    public async ValueTask<AnchorStateResult> LoadAsync(CancellationToken cancellationToken = default)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(Path, new UTF8Encoding(false, throwOnInvalidBytes: true), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return AnchorStateResult.Failure(AnchorStateError.NotFound, Path, null, "the state file does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            return AnchorStateResult.Failure(AnchorStateError.NotFound, Path, null, "the folder of the state file does not exist");
        }
        catch (DecoderFallbackException)
        {
            return AnchorStateResult.Failure(AnchorStateError.Corrupt, Path, null, "the file is not UTF-8 text");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return AnchorStateResult.Failure(AnchorStateError.Unreadable, Path, null, exception.Message);
        }

        return AnchorStateText.Parse(text, Path);
    }

    /// <summary>Replaces the state with <paramref name="trustPoints"/>, under the lock; refuses when the current file exists but cannot be read.</summary>
    public ValueTask<AnchorStateResult> SaveAsync(IReadOnlyList<TrustPoint> trustPoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trustPoints);
        return UpdateAsync(_ => trustPoints, cancellationToken);
    }

    /// <summary>
    /// Reads the state, applies <paramref name="change"/> and writes the result, all under the lock so that no other
    /// process's update is lost. A missing file counts as no trust points; an unreadable one stops the update.
    /// </summary>
    public async ValueTask<AnchorStateResult> UpdateAsync(Func<IReadOnlyList<TrustPoint>, IReadOnlyList<TrustPoint>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        FileStream? held = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return AnchorStateResult.Failure(AnchorStateError.Locked, LockPath, null, $"another process held the lock for more than {LockTimeout.TotalSeconds:0.#} s");
        }

        await using (held.ConfigureAwait(false))
        {
            AnchorStateResult current = await LoadAsync(cancellationToken).ConfigureAwait(false);
            if (!current.IsSuccess && current.Error != AnchorStateError.NotFound)
            {
                return current;
            }

            IReadOnlyList<TrustPoint> next = change(current.TrustPoints);
            return await ReplaceAsync(next, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<FileStream?> AcquireLockAsync(CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                // On Unix .NET takes an exclusive flock for FileShare.None; the kernel drops it when the holder dies.
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (_time.GetElapsedTime(started) < LockTimeout)
            {
                await Task.Delay(LockPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
