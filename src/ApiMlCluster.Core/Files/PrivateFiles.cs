namespace ApiMlCluster.Core.Files;

/// <summary>
/// The workspace holds the journal (sealed z/OSMF credentials, revocations, registrations), keys and logs: readable
/// by the node's user only, whatever the process umask. No-ops where Unix modes do not exist.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> as 0700, or narrows an existing directory to 0700.</summary>
    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
            return;
        }

        System.IO.Directory.CreateDirectory(path, Directory);
        System.IO.File.SetUnixFileMode(path, Directory);
    }

    /// <summary>Narrows an existing file to 0600; a file that does not exist (yet) is left alone.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && System.IO.File.Exists(path))
        {
            System.IO.File.SetUnixFileMode(path, File);
        }
    }
}
