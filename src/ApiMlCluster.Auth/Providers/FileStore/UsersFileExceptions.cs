namespace ApiMlCluster.Auth.Providers.FileStore;

/// <summary>The users file cannot be read, parsed or written; the message names the file and the reason.</summary>
internal sealed class UsersFileException(string message, Exception? inner = null) : Exception(message, inner);

internal sealed class UserExistsException(string userId, string path)
    : InvalidOperationException($"user {userId} already exists in {path}");

internal sealed class NoSuchUserException(string userId, string path)
    : KeyNotFoundException($"no user {userId} in {path}");
