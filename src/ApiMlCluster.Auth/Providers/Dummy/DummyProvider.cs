namespace ApiMlCluster.Auth.Providers.Dummy;

/// <summary>
/// Zowe's development provider: <c>user</c>/<c>user</c> and <c>expire</c>/<c>expire</c> (the latter gets a short
/// token from the token service, not from here). For test systems only; it knows no other user.
/// </summary>
internal sealed class DummyProvider : IAuthenticationProvider
{
    public const string ProviderName = "dummy";
    public const string Domain = "Dummy provider";

    private static readonly IReadOnlyDictionary<string, string> Users = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["user"] = "user",
        ["expire"] = "expire",
    };

    private static readonly IReadOnlyDictionary<string, string> NoSouthboundCredentials = new Dictionary<string, string>();

    public string Name => ProviderName;

    public Task<AuthenticationOutcome> AuthenticateAsync(LoginCredentials credentials, CancellationToken cancellationToken)
    {
        // Zowe's dummy provider accepts a password change request but keeps its fixed passwords.
        AuthenticationOutcome outcome = Users.TryGetValue(credentials.Username, out var password) && password == credentials.Password
            ? new AuthenticationOutcome.Authenticated(credentials.Username, Domain, NoSouthboundCredentials)
            : new AuthenticationOutcome.InvalidCredentials();
        return Task.FromResult(outcome);
    }

    public Task EndSessionAsync(IReadOnlyDictionary<string, string> southboundCredentials, CancellationToken cancellationToken) => Task.CompletedTask;
}
