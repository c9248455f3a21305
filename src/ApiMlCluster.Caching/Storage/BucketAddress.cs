using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ApiMlCluster.Core.Homing;

namespace ApiMlCluster.Caching.Storage;

/// <summary>
/// Where a key lives: each namespace is split into <see cref="BucketsPerNamespace"/> bucket entities by a hash of the
/// key, so one namespace with many keys (every APIML component shares one certificate DN, hence one namespace) is
/// spread over the cluster instead of being one giant actor. Both hashes are part of the stored data's address:
/// never change them or the bucket count.
/// </summary>
internal static class BucketAddress
{
    public const int BucketsPerNamespace = 16;

    /// <summary>The namespace's part of an entity id: 128 bits of SHA-256, since a DN can exceed a persistence id's 255 characters.</summary>
    public static string NamespaceId(string @namespace) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(@namespace)).AsSpan(0, 16));

    public static string EntityId(string @namespace, string key) => EntityId(NamespaceId(@namespace), Bucket(key));

    public static string MapItemEntityId(string @namespace, string mapKey, string itemKey) =>
        EntityId(NamespaceId(@namespace), Bucket(string.Concat(mapKey, "\n", itemKey)));

    public static IEnumerable<string> AllEntityIds(string @namespace)
    {
        var id = NamespaceId(@namespace);
        return Enumerable.Range(0, BucketsPerNamespace).Select(bucket => EntityId(id, bucket));
    }

    public static int Bucket(string key) => (int)(StableHash.Fnv1a(key) % BucketsPerNamespace);

    private static string EntityId(string namespaceId, int bucket) =>
        string.Concat(namespaceId, "-", bucket.ToString("x", CultureInfo.InvariantCulture));
}
