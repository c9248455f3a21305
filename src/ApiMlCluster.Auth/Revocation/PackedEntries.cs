using System.Buffers.Binary;

namespace ApiMlCluster.Auth.Revocation;

/// <summary>
/// Revoked token ids with their expiry, 24 bytes each (16-byte id, 8-byte Unix seconds), so a page of 2,000
/// entries is 48 KB and a bucket of 20,000 a 480 KB snapshot, where JSON objects would be three times larger.
/// </summary>
internal static class PackedEntries
{
    public const int EntrySize = 24;

    public static byte[] Pack(IReadOnlyCollection<KeyValuePair<Guid, long>> entries)
    {
        var bytes = new byte[entries.Count * EntrySize];
        var offset = 0;
        foreach (var (id, expiresAt) in entries)
        {
            id.TryWriteBytes(bytes.AsSpan(offset, 16));
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(offset + 16, 8), expiresAt);
            offset += EntrySize;
        }

        return bytes;
    }

    public static IEnumerable<KeyValuePair<Guid, long>> Unpack(byte[] bytes)
    {
        if (bytes.Length % EntrySize != 0)
        {
            throw new FormatException($"packed revocation entries have {bytes.Length} bytes, not a multiple of {EntrySize}");
        }

        for (var offset = 0; offset < bytes.Length; offset += EntrySize)
        {
            yield return new(
                new Guid(bytes.AsSpan(offset, 16)),
                BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(offset + 16, 8)));
        }
    }
}
