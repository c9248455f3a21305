using ApiMlCluster.Auth.Providers;
using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Providers;

public sealed class FileProviderTests : IDisposable
{
    private readonly TempWorkspace temp = new();
    private readonly ManualClock clock = new();
    private readonly UsersFile file;
    private readonly FileProvider provider;

    public FileProviderTests()
    {
        file = new UsersFile(Path.Combine(temp.Root, "users.yaml"));
        file.Add("alice", "wonderland");
        provider = new FileProvider(file.Path, clock);
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task AuthenticateAsync_AddedUser_IsAuthenticatedAsTheUpperCaseIdInTheFileDomain()
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);

        var authenticated = Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
        Assert.Equal(("ALICE", "file"), (authenticated.UserId, authenticated.Domain));
    }

    [Fact]
    public async Task AuthenticateAsync_UserIdInAnotherCase_IsAuthenticated()
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials("AlIcE", "wonderland"), default);

        Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_WrongPassword_IsInvalidCredentials()
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "Wonderland"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("much-too-long-and-invalid")]
    [InlineData("")]
    public async Task AuthenticateAsync_UnknownUser_IsInvalidCredentials(string user)
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials(user, "wonderland"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_MissingFile_IsInvalidCredentials()
    {
        var missing = new FileProvider(Path.Combine(temp.Root, "absent.yaml"), clock);

        var outcome = await missing.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_PasswordChangedInTheFile_AcceptsTheNewPassword()
    {
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);
        file.SetPassword("alice", "looking-glass");
        clock.Advance(FileProvider.RecheckInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "looking-glass"), default);

        Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_PasswordChangedInTheFile_RejectsTheOldPassword()
    {
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);
        file.SetPassword("alice", "looking-glass");
        clock.Advance(FileProvider.RecheckInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_UserRemovedFromTheFile_IsInvalidCredentials()
    {
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);
        file.Remove("alice");
        clock.Advance(FileProvider.RecheckInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_FileEditedByHandWhileRunning_PicksUpTheEdit()
    {
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);
        File.AppendAllText(file.Path, $"  bob:\n    hash: \"{PasswordHash.Create("builder").Encode()}\"\n");
        clock.Advance(FileProvider.RecheckInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("bob", "builder"), default);

        Assert.Equal("BOB", Assert.IsType<AuthenticationOutcome.Authenticated>(outcome).UserId);
    }

    [Fact]
    public async Task AuthenticateAsync_SameSizeEditWithinOneFileTimeTick_IsPickedUp()
    {
        var written = File.GetLastWriteTimeUtc(file.Path);
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);
        file.SetPassword("alice", "wonderlan2");
        File.SetLastWriteTimeUtc(file.Path, written);
        clock.Advance(FileProvider.RecheckInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderlan2"), default);

        Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_MalformedFile_IsUnavailableNamingTheFile()
    {
        File.WriteAllText(file.Path, "users: [alice");
        clock.Advance(FileProvider.RecheckInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);

        Assert.StartsWith($"users file {file.Path} is not valid: ", Assert.IsType<AuthenticationOutcome.Unavailable>(outcome).Reason);
    }

    [Fact]
    public async Task AuthenticateAsync_MalformedFileRepaired_AuthenticatesAgain()
    {
        var good = File.ReadAllText(file.Path);
        File.WriteAllText(file.Path, "users: [alice");
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);
        File.WriteAllText(file.Path, good);
        clock.Advance(FileProvider.RecheckInterval);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);

        Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_NewPassword_IsAuthenticated()
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland", NewPassword: "looking-glass"), default);

        Assert.IsType<AuthenticationOutcome.Authenticated>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_NewPassword_IsStoredHashed()
    {
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland", NewPassword: "looking-glass"), default);

        Assert.True(UsersFile.Read(file.Path)["ALICE"].Verify("looking-glass"));
    }

    [Fact]
    public async Task AuthenticateAsync_AfterNewPassword_RejectsTheOldOneAtOnce()
    {
        await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland", NewPassword: "looking-glass"), default);

        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_NewPasswordWithWrongOldPassword_KeepsTheOldPassword()
    {
        var outcome = await provider.AuthenticateAsync(new LoginCredentials("alice", "wrong", NewPassword: "looking-glass"), default);

        Assert.IsType<AuthenticationOutcome.InvalidCredentials>(outcome);
        Assert.True(UsersFile.Read(file.Path)["ALICE"].Verify("wonderland"));
    }

    [Fact]
    public async Task AuthenticateAsync_ConcurrentLogins_AllSucceed()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => provider.AuthenticateAsync(new LoginCredentials("alice", "wonderland"), default))));

        Assert.All(outcomes, o => Assert.IsType<AuthenticationOutcome.Authenticated>(o));
    }
}
