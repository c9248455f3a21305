using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Providers;

public sealed class UsersCommandTests : IDisposable
{
    private readonly TempWorkspace temp = new();
    private readonly string usersFile;
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public UsersCommandTests() => usersFile = Path.Combine(temp.Root, "users.yaml");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Run_AddWithPasswordOnStdin_StoresAUserThatVerifies()
    {
        var exit = Run("secret\n", "users", "add", "alice");

        Assert.Equal(0, exit);
        Assert.True(UsersFile.Read(usersFile)["ALICE"].Verify("secret"));
    }

    [Fact]
    public void Run_Add_SaysWhichUserWasAdded()
    {
        Run("secret\n", "users", "add", "alice");

        Assert.Contains("user ALICE added", stdout.ToString());
    }

    [Fact]
    public void Run_AddExistingUser_ExitsTwoSayingItExists()
    {
        Run("secret\n", "users", "add", "alice");

        var exit = Run("other\n", "users", "add", "Alice");

        Assert.Equal((2, true), (exit, stderr.ToString().Contains("ALICE already exists")));
    }

    [Fact]
    public void Run_AddWithEmptyPassword_ExitsTwoSayingItIsEmpty()
    {
        var exit = Run("\n", "users", "add", "alice");

        Assert.Equal((2, true), (exit, stderr.ToString().Contains("password must not be empty")));
    }

    [Fact]
    public void Run_AddWithNothingOnStdin_ExitsTwo()
    {
        var exit = Run("", "users", "add", "alice");

        Assert.Equal((2, true), (exit, stderr.ToString().Contains("no password on standard input")));
    }

    [Theory]
    [InlineData("toolong99")]
    [InlineData("al-ce")]
    [InlineData("al ce")]
    [InlineData("élise")]
    public void Run_AddInvalidUserId_ExitsTwoWithTheRule(string user)
    {
        var exit = Run("secret\n", "users", "add", user);

        Assert.Equal((2, true), (exit, stderr.ToString().Contains("1 to 8 characters of A-Z, 0-9, @, # and $")));
    }

    [Fact]
    public void Run_AddInvalidUserId_WritesNoFile()
    {
        Run("secret\n", "users", "add", "toolong99");

        Assert.False(File.Exists(usersFile));
    }

    [Fact]
    public void Run_Passwd_ChangesThePassword()
    {
        Run("old\n", "users", "add", "alice");

        var exit = Run("new\n", "users", "passwd", "alice");

        Assert.Equal((0, true), (exit, UsersFile.Read(usersFile)["ALICE"].Verify("new")));
    }

    [Fact]
    public void Run_PasswdUnknownUser_ExitsTwoSayingThereIsNoSuchUser()
    {
        var exit = Run("new\n", "users", "passwd", "bob");

        Assert.Equal((2, true), (exit, stderr.ToString().Contains("no user BOB")));
    }

    [Fact]
    public void Run_Remove_RemovesTheUser()
    {
        Run("secret\n", "users", "add", "alice");

        var exit = Run("", "users", "remove", "ALICE");

        Assert.Equal((0, false), (exit, UsersFile.Read(usersFile).ContainsKey("ALICE")));
    }

    [Fact]
    public void Run_RemoveUnknownUser_ExitsTwo()
    {
        Assert.Equal(2, Run("", "users", "remove", "bob"));
    }

    [Fact]
    public void Run_List_PrintsTheUserIdsSortedOnePerLine()
    {
        Run("pw\n", "users", "add", "zed");
        Run("pw\n", "users", "add", "alice");
        stdout.GetStringBuilder().Clear();

        var exit = Run("", "users", "list");

        Assert.Equal((0, "ALICE\nZED\n"), (exit, stdout.ToString().ReplaceLineEndings("\n")));
    }

    [Fact]
    public void Run_ListWithoutAFile_PrintsNothing()
    {
        Assert.Equal((0, ""), (Run("", "users", "list"), stdout.ToString()));
    }

    [Fact]
    public void Run_PasswordGivenAsArgument_ExitsTwoWithoutEchoingIt()
    {
        var exit = Run("", "users", "add", "alice", "hunter2");

        Assert.Equal((2, false), (exit, stderr.ToString().Contains("hunter2")));
    }

    [Theory]
    [InlineData("users")]
    [InlineData("users", "delete", "alice")]
    [InlineData("users", "add")]
    public void Run_UnknownOrIncompleteCommand_ExitsTwoWithUsage(params string[] args)
    {
        var exit = Run("", args);

        Assert.Equal((2, true), (exit, stderr.ToString().Contains("apiml users add USER")));
    }

    [Fact]
    public void Run_MalformedUsersFile_ExitsOneNamingTheFile()
    {
        File.WriteAllText(usersFile, "users: [");

        var exit = Run("", "users", "list");

        Assert.Equal((1, true), (exit, stderr.ToString().Contains($"users file {usersFile} is not valid")));
    }

    private int Run(string stdin, params string[] args) =>
        UsersCommand.Run(args, usersFile, new StringReader(stdin), stdout, stderr);
}
