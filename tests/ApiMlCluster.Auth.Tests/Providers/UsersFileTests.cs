using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Providers;

public sealed class UsersFileTests : IDisposable
{
    private readonly TempWorkspace temp = new();
    private readonly UsersFile file;

    public UsersFileTests() => file = new UsersFile(Path.Combine(temp.Root, "users.yaml"));

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Add_NewUser_StoresAHashAndNoPlaintext()
    {
        file.Add("alice", "correct horse battery");

        var text = File.ReadAllText(file.Path);
        Assert.DoesNotContain("correct horse battery", text);
        Assert.Matches(@"""ALICE"":\n    hash: ""pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}""", text);
    }

    [Fact]
    public void Add_NewUser_WritesTheFileOwnerOnly()
    {
        file.Add("alice", "pw");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.Path));
    }

    [Fact]
    public void Add_NewUser_LeavesNoTempFile()
    {
        file.Add("alice", "pw");

        Assert.DoesNotContain(Directory.GetFiles(temp.Root), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_SameUserInAnotherCase_ThrowsUserExists()
    {
        file.Add("alice", "pw");

        var error = Assert.Throws<UserExistsException>(() => file.Add("ALICE", "pw2"));

        Assert.Contains("ALICE already exists", error.Message);
    }

    [Fact]
    public void Add_EmptyPassword_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => file.Add("alice", ""));
    }

    [Fact]
    public void SetPassword_UnknownUser_ThrowsNoSuchUser()
    {
        var error = Assert.Throws<NoSuchUserException>(() => file.SetPassword("bob", "pw"));

        Assert.Contains("no user BOB", error.Message);
    }

    [Fact]
    public void Remove_UnknownUser_ThrowsNoSuchUser()
    {
        Assert.Throws<NoSuchUserException>(() => file.Remove("bob"));
    }

    [Fact]
    public void Read_WrittenFile_RoundTripsEveryUser()
    {
        file.Add("alice", "pw1");
        file.Add("#ops", "pw2");
        file.Add("$sys@1", "pw3");

        Assert.Equal(["#OPS", "$SYS@1", "ALICE"], file.List());
    }

    [Fact]
    public void Read_MissingFile_HasNoUsers()
    {
        Assert.Empty(UsersFile.Read(file.Path));
    }

    [Fact]
    public void Read_FileWithOnlyComments_HasNoUsers()
    {
        File.WriteAllText(file.Path, "# nobody yet\n");

        Assert.Empty(UsersFile.Read(file.Path));
    }

    [Fact]
    public void Read_HandWrittenLowerCaseId_IsStoredUpperCase()
    {
        File.WriteAllText(file.Path, $"users:\n  alice:\n    hash: {PasswordHash.Create("pw").Encode()}\n");

        Assert.Equal("ALICE", Assert.Single(UsersFile.Read(file.Path)).Key);
    }

    [Theory]
    [InlineData("users: [alice]")]
    [InlineData("users:\n  alice: secret")]
    [InlineData("users:\n  alice:\n    password: secret")]
    [InlineData("people: {{}}")]
    [InlineData("users:\n  toolongname:\n    hash: x")]
    [InlineData("users: {{ alice: {{ hash: \"pbkdf2-sha256$1$AAAA\" }}")]
    [InlineData("users:\n  alice:\n    hash: {0}\n  ALICE:\n    hash: {0}")]
    public void Read_MalformedFile_ThrowsNamingTheFile(string content)
    {
        File.WriteAllText(file.Path, string.Format(content, PasswordHash.Create("pw").Encode()));

        var error = Assert.Throws<UsersFileException>(() => UsersFile.Read(file.Path));

        Assert.StartsWith($"users file {file.Path} is not valid: ", error.Message);
    }

    [Fact]
    public void Read_MalformedFile_DoesNotRepeatAPlaintextPassword()
    {
        File.WriteAllText(file.Path, "users:\n  alice:\n    hash: hunter2\n");

        var error = Assert.Throws<UsersFileException>(() => UsersFile.Read(file.Path));

        Assert.DoesNotContain("hunter2", error.Message);
    }
}
