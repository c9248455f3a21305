namespace ApiMlCluster.Auth.Providers.FileStore;

/// <summary>
/// Checks passwords against the PBKDF2 hashes of a <see cref="UsersFile"/>. Operators edit the file while the
/// node runs, so it is re-read when its modification time or size changes (looked at no more than once per
/// <see cref="RecheckInterval"/>); a missing file means no users, an invalid one makes every login Unavailable.
/// </summary>
internal sealed class FileProvider : IAuthenticationProvider, IUserDirectory
{
    public const string ProviderName = "file";
    public const string Domain = "file";
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(1);

    // File times tick coarsely (a few ms on ext4), so two same-size writes in one tick look identical. Like git's
    // "racy" index entries, a file read within this window of its last write is read again at the next recheck.
    private static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

    private static readonly IReadOnlyDictionary<string, string> NoSouthboundCredentials = new Dictionary<string, string>();

    private readonly UsersFile file;
    private readonly TimeProvider clock;

    // PBKDF2 is deliberately slow and runs on the caller's thread; a burst of logins must not occupy every
    // thread-pool thread, so at most one verification per core runs and the rest wait asynchronously.
    private readonly SemaphoreSlim hashing = new(Environment.ProcessorCount);

    // Unknown users are verified against this so a login costs the same whether or not the user exists.
    private readonly PasswordHash decoy = PasswordHash.Create(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private readonly Lock reloading = new();
    private volatile Snapshot? snapshot;

    public FileProvider(string usersFile, TimeProvider clock)
    {
        file = new UsersFile(usersFile);
        this.clock = clock;
    }

    public string Name => ProviderName;

    public bool? Exists(string userId)
    {
        var current = Current();
        if (current.Error is not null)
        {
            return null;
        }

        return UserIds.TryNormalize(userId, out var normalized) && current.Users.ContainsKey(normalized);
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(LoginCredentials credentials, CancellationToken cancellationToken)
    {
        var current = Current();
        if (current.Error is not null)
        {
            return new AuthenticationOutcome.Unavailable(current.Error);
        }

        PasswordHash? stored = null;
        var known = UserIds.TryNormalize(credentials.Username, out var userId) && current.Users.TryGetValue(userId, out stored);
        if (!await VerifyAsync(stored ?? decoy, credentials.Password, cancellationToken) || !known)
        {
            return new AuthenticationOutcome.InvalidCredentials();
        }

        if (credentials.NewPassword is { } newPassword)
        {
            var changed = await ChangePasswordAsync(userId, newPassword, cancellationToken);
            if (changed is not null)
            {
                return changed;
            }
        }

        return new AuthenticationOutcome.Authenticated(userId, Domain, NoSouthboundCredentials);
    }

    public Task EndSessionAsync(IReadOnlyDictionary<string, string> southboundCredentials, CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> VerifyAsync(PasswordHash hash, string password, CancellationToken cancellationToken)
    {
        await hashing.WaitAsync(cancellationToken);
        try
        {
            return hash.Verify(password);
        }
        finally
        {
            hashing.Release();
        }
    }

    /// <returns>Null when the new password is stored, else the outcome to answer.</returns>
    private async Task<AuthenticationOutcome?> ChangePasswordAsync(string userId, string newPassword, CancellationToken cancellationToken)
    {
        if (newPassword.Length == 0)
        {
            // No outcome says "new password rejected"; the old password stays and the login fails.
            return new AuthenticationOutcome.InvalidCredentials();
        }

        await hashing.WaitAsync(cancellationToken);
        try
        {
            file.SetPassword(userId, newPassword);
        }
        catch (NoSuchUserException)
        {
            // Removed by an operator between the check and the change.
            return new AuthenticationOutcome.InvalidCredentials();
        }
        catch (UsersFileException e)
        {
            return new AuthenticationOutcome.Unavailable(e.Message);
        }
        finally
        {
            hashing.Release();
        }

        // The old password must stop working now, not after the next recheck.
        snapshot = null;
        return null;
    }

    private Snapshot Current()
    {
        var now = clock.GetUtcNow();
        var current = snapshot;
        if (current is not null && now - current.CheckedAt < RecheckInterval)
        {
            return current;
        }

        lock (reloading)
        {
            current = snapshot;
            if (current is not null && now - current.CheckedAt < RecheckInterval)
            {
                return current;
            }

            // Stamp before reading: a change racing the read gets a new stamp and is read again next time.
            var stamp = FileStamp.Of(file.Path);
            current = current is not null && current.Stamp == stamp && !current.Racy ? current with { CheckedAt = now } : Load(stamp, now);
            snapshot = current;
            return current;
        }
    }

    private Snapshot Load(FileStamp stamp, DateTimeOffset now)
    {
        // File times come from the system clock, not the injected one.
        var racy = stamp.Exists && DateTime.UtcNow - stamp.LastWriteUtc < RacyWindow;
        try
        {
            return new Snapshot(stamp, racy, UsersFile.Read(file.Path), null, now);
        }
        catch (UsersFileException e)
        {
            return new Snapshot(stamp, racy, new Dictionary<string, PasswordHash>(), e.Message, now);
        }
    }

    private sealed record Snapshot(FileStamp Stamp, bool Racy, IReadOnlyDictionary<string, PasswordHash> Users, string? Error, DateTimeOffset CheckedAt);

    private readonly record struct FileStamp(bool Exists, DateTime LastWriteUtc, long Length)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.LastWriteTimeUtc, info.Length) : default;
        }
    }
}
