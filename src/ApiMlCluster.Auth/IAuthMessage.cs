namespace ApiMlCluster.Auth;

/// <summary>Marker of every message and event of the authentication context; bound to <see cref="AuthSerializer"/>.</summary>
internal interface IAuthMessage;
