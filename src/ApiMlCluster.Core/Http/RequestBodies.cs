using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace ApiMlCluster.Core.Http;

/// <summary>Reads whole request bodies up to a limit, without trusting Content-Length and without reading past the limit.</summary>
public static class RequestBodies
{
    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= maxBytes && (read = await request.Body.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
            }

            return length > maxBytes ? null : buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            // Bodies can carry passwords; a pooled buffer must not hand them to the next renter.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }
}
