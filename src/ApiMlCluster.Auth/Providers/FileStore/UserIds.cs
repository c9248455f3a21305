namespace ApiMlCluster.Auth.Providers.FileStore;

/// <summary>Mainframe-style user ids: case-insensitive, stored upper-case, 1 to 8 of A-Z, 0-9, @, # and $.</summary>
internal static class UserIds
{
    public const int MaxLength = 8;
    public const string Rule = "1 to 8 characters of A-Z, 0-9, @, # and $";

    public static bool TryNormalize(string input, out string userId)
    {
        userId = input.ToUpperInvariant();
        return userId.Length is > 0 and <= MaxLength && userId.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '@' or '#' or '$');
    }
}
