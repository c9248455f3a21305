namespace ApiMlCluster.Auth.Providers;

/// <summary>A user id and password from a Basic header or a JSON login body.</summary>
internal sealed record LoginCredentials(string Username, string Password, string? NewPassword = null)
{
    // Records print their members; a password must never reach a log line.
    public override string ToString() => $"LoginCredentials {{ Username = {Username} }}";
}
