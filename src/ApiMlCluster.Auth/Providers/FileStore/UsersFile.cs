using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiMlCluster.Auth.Providers.FileStore;

/// <summary>
/// The <c>file</c> provider's users, one PBKDF2 hash per upper-case user id:
/// <code>
/// users:
///   "ALICE":
///     hash: "pbkdf2-sha256$100000$&lt;salt base64&gt;$&lt;hash base64&gt;"
/// </code>
/// Changes are written to a temp file and renamed over the old one (owner-only), so a node reading the file
/// never sees half of it; a <c>.lock</c> file next to it serializes concurrent writers (CLI and password changes).
/// </summary>
internal sealed class UsersFile(string path)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    public string Path { get; } = path;

    /// <summary>The users in <paramref name="path"/>; a missing file holds none.</summary>
    /// <exception cref="UsersFileException">The file cannot be read or is not a valid users file.</exception>
    public static IReadOnlyDictionary<string, PasswordHash> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Dictionary<string, PasswordHash>();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Invalid(path, e.Message, e);
        }

        try
        {
            return Parse(text);
        }
        catch (FormatException e)
        {
            throw Invalid(path, e.Message, e);
        }
    }

    /// <exception cref="FormatException">The text is not a users file; the message says where and why.</exception>
    public static IReadOnlyDictionary<string, PasswordHash> Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new FormatException(e.Message, e);
        }

        var users = new Dictionary<string, PasswordHash>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return users;
        }

        if (stream.Documents.Count > 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException("the file must be one mapping with a 'users' key");
        }

        foreach (var (key, value) in root.Children)
        {
            if (key is not YamlScalarNode { Value: "users" })
            {
                throw new FormatException($"unknown key {Describe(key)} at {key.Start}; only 'users' is allowed");
            }

            if (IsNull(value))
            {
                continue;
            }

            if (value is not YamlMappingNode entries)
            {
                throw new FormatException($"'users' at {value.Start} must map user ids to {{ hash: ... }}");
            }

            foreach (var (userNode, entry) in entries.Children)
            {
                AddEntry(users, userNode, entry);
            }
        }

        return users;
    }

    public IReadOnlyList<string> List() => Read(Path).Keys.Order(StringComparer.Ordinal).ToList();

    /// <exception cref="ArgumentException">The user id or password is not acceptable.</exception>
    /// <exception cref="UserExistsException"/>
    /// <exception cref="UsersFileException"/>
    public void Add(string user, string password)
    {
        var userId = Normalize(user);
        var hash = Hash(password);
        Update(users =>
        {
            if (!users.TryAdd(userId, hash))
            {
                throw new UserExistsException(userId, Path);
            }
        });
    }

    /// <exception cref="NoSuchUserException"/>
    public void SetPassword(string user, string password)
    {
        var userId = Normalize(user);
        var hash = Hash(password);
        Update(users =>
        {
            if (!users.ContainsKey(userId))
            {
                throw new NoSuchUserException(userId, Path);
            }

            users[userId] = hash;
        });
    }

    /// <exception cref="NoSuchUserException"/>
    public void Remove(string user)
    {
        var userId = Normalize(user);
        Update(users =>
        {
            if (!users.Remove(userId))
            {
                throw new NoSuchUserException(userId, Path);
            }
        });
    }

    public static string Render(IReadOnlyDictionary<string, PasswordHash> users)
    {
        var text = new StringBuilder()
            .Append("# Users of the file authentication provider; manage them with `apiml users add|passwd|remove|list`.\n")
            .Append("# hash: pbkdf2-sha256$<iterations>$<salt, base64>$<PBKDF2-HMAC-SHA256 of the password, base64>\n");
        if (users.Count == 0)
        {
            return text.Append("users: {}\n").ToString();
        }

        text.Append("users:\n");
        foreach (var (userId, hash) in users.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            // Quoted because '@' and '#' are YAML indicators at the start of a plain key.
            text.Append($"  \"{userId}\":\n    hash: \"{hash.Encode()}\"\n");
        }

        return text.ToString();
    }

    private static void AddEntry(Dictionary<string, PasswordHash> users, YamlNode userNode, YamlNode entry)
    {
        if (userNode is not YamlScalarNode { Value: { } name } || !UserIds.TryNormalize(name, out var userId))
        {
            throw new FormatException($"user id {Describe(userNode)} at {userNode.Start} is not {UserIds.Rule}");
        }

        if (users.ContainsKey(userId))
        {
            throw new FormatException($"user {userId} appears more than once (ids are case-insensitive)");
        }

        if (entry is not YamlMappingNode fields || fields.Children.Count != 1
            || !fields.Children.TryGetValue(new YamlScalarNode("hash"), out var hashNode) || hashNode is not YamlScalarNode { Value: { } encoded })
        {
            throw new FormatException($"user {userId} at {entry.Start} must be {{ hash: \"{PasswordHash.Scheme}$...\" }}");
        }

        try
        {
            users.Add(userId, PasswordHash.Parse(encoded));
        }
        catch (FormatException e)
        {
            throw new FormatException($"user {userId}: {e.Message}", e);
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    private static string Describe(YamlNode node) => node is YamlScalarNode { Value: { } value } ? $"'{value}'" : $"of type {node.NodeType}";

    private static UsersFileException Invalid(string path, string reason, Exception inner) =>
        new($"users file {path} is not valid: {reason}", inner);

    private static string Normalize(string user) =>
        UserIds.TryNormalize(user, out var userId) ? userId : throw new ArgumentException($"user id '{user}' is not {UserIds.Rule}", nameof(user));

    private static PasswordHash Hash(string password) =>
        password.Length > 0 ? PasswordHash.Create(password) : throw new ArgumentException("password must not be empty", nameof(password));

    private void Update(Action<Dictionary<string, PasswordHash>> change)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        try
        {
            Directory.CreateDirectory(directory);
            using var exclusive = AcquireLock();
            var users = new Dictionary<string, PasswordHash>(Read(Path), StringComparer.Ordinal);
            change(users);
            WriteAtomically(Render(users));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsersFileException($"users file {Path} could not be written: {e.Message}", e);
        }
    }

    private FileStream AcquireLock()
    {
        // FileShare.None takes an exclusive flock, honoured by other processes and other handles in this one.
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream($"{Path}.lock", new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    UnixCreateMode = OwnerOnly,
                });
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private void WriteAtomically(string content)
    {
        var temp = $"{Path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnly,
            }))
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
