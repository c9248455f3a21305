using System.Text;

namespace ApiMlCluster.Auth.Providers.FileStore;

/// <summary>
/// <c>apiml users add|passwd|remove|list</c> on the <c>file</c> provider's users file. Passwords come from
/// standard input, never from the command line where <c>ps</c> and shell history would show them.
/// </summary>
internal static class UsersCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public const string Usage = """
        usage:
          apiml users add USER       reads the password from standard input
          apiml users passwd USER    reads the new password from standard input
          apiml users remove USER
          apiml users list

        USER is 1 to 8 characters of A-Z, 0-9, @, # and $ (case-insensitive, stored upper-case).
        """;

    /// <param name="args">The command words, starting with <c>users</c>.</param>
    /// <returns>0 done, 1 the users file could not be read or written, 2 usage or validation error.</returns>
    public static int Run(IReadOnlyList<string> args, string usersFile, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var file = new UsersFile(usersFile);
        try
        {
            switch (args)
            {
                case ["users", "add", var user]:
                    var userId = ValidUser(user);
                    file.Add(userId, ReadPassword(stdin, stderr, userId));
                    stdout.WriteLine($"user {userId} added to {usersFile}");
                    return Ok;
                case ["users", "passwd", var user]:
                    userId = ValidUser(user);
                    file.SetPassword(userId, ReadPassword(stdin, stderr, userId));
                    stdout.WriteLine($"password of {userId} changed in {usersFile}");
                    return Ok;
                case ["users", "remove", var user]:
                    userId = ValidUser(user);
                    file.Remove(userId);
                    stdout.WriteLine($"user {userId} removed from {usersFile}");
                    return Ok;
                case ["users", "list"]:
                    foreach (var listed in file.List())
                    {
                        stdout.WriteLine(listed);
                    }

                    return Ok;
                default:
                    // The words are not echoed: a password typed as an argument by mistake must not be printed back.
                    stderr.WriteLine($"apiml: unknown or incomplete users command\n{Usage}");
                    return UsageError;
            }
        }
        catch (Exception e) when (e is ArgumentException or UserExistsException or NoSuchUserException)
        {
            stderr.WriteLine($"apiml: {e.Message}");
            return UsageError;
        }
        catch (UsersFileException e)
        {
            stderr.WriteLine($"apiml: {e.Message}");
            return Failed;
        }
    }

    private static string ValidUser(string user) =>
        UserIds.TryNormalize(user, out var userId) ? userId : throw new ArgumentException($"user id '{user}' is not {UserIds.Rule}");

    private static string ReadPassword(TextReader stdin, TextWriter stderr, string userId)
    {
        string? password;
        if (ReferenceEquals(stdin, Console.In) && !Console.IsInputRedirected)
        {
            password = ReadHidden(stderr, $"password for {userId}: ");
            if (password is not null && ReadHidden(stderr, "again: ") != password)
            {
                throw new ArgumentException("the passwords do not match");
            }
        }
        else
        {
            password = stdin.ReadLine();
        }

        return password switch
        {
            null => throw new ArgumentException("no password on standard input (e.g. echo 'secret' | apiml users add USER)"),
            "" => throw new ArgumentException("password must not be empty"),
            _ => password,
        };
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string? ReadHidden(TextWriter prompt, string text)
    {
        prompt.Write(text);
        prompt.Flush();
        var line = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    prompt.WriteLine();
                    return line.ToString();
                case ConsoleKey.Backspace:
                    if (line.Length > 0)
                    {
                        line.Length--;
                    }

                    break;
                default:
                    if (key.Modifiers == ConsoleModifiers.Control && key.Key is ConsoleKey.C or ConsoleKey.D)
                    {
                        prompt.WriteLine();
                        return null;
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
