using ApiMlCluster.Caching.Storage;
using ApiMlCluster.Core.Configuration;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Caching.Tests;

/// <summary>zowe.yaml's <c>components.caching-service.storage</c> keys and the per-bucket limits derived from them.</summary>
public sealed class CachingSettingsTests : IDisposable
{
    private const string Base = "components: { gateway: { apiml: { security: { auth: { provider: dummy } } } }";
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_NoStorageKeys_UsesZowesDefaults()
    {
        var settings = Load(Base + " }");

        Assert.Equal((10_000, CacheEvictionStrategy.Reject, 32 * 1024, true), (settings.MaxEntries, settings.EvictionStrategy, settings.MaxValueBytes, settings.RequireClientCertificate));
    }

    [Fact]
    public void Load_StorageKeys_AreRead()
    {
        var settings = Load(Base + ", caching-service: { storage: { size: 500, evictionStrategy: removeOldest, maxValueBytes: 1024, maxMapItems: 320 } } }");

        Assert.Equal((500, CacheEvictionStrategy.RemoveOldest, 1024, 320), (settings.MaxEntries, settings.EvictionStrategy, settings.MaxValueBytes, settings.MaxMapItems));
        Assert.Equal(20, BucketLimits.From(settings).MaxMapItems);
    }

    [Fact]
    public void Load_CertificateChecksDisabled_DoesNotRequireAClientCertificate()
    {
        var settings = Load(Base + " }\nzowe: { verifyCertificates: DISABLED, network: { server: { listenAddresses: [127.0.0.1] } } }");

        Assert.False(settings.RequireClientCertificate);
    }

    [Theory]
    [InlineData("size: 0", "components.caching-service.storage.size")]
    [InlineData("size: many", "components.caching-service.storage.size")]
    [InlineData("evictionStrategy: lru", "components.caching-service.storage.evictionStrategy")]
    [InlineData("maxValueBytes: 200000", "components.caching-service.storage.maxValueBytes")]
    [InlineData("maxMapItems: 0", "components.caching-service.storage.maxMapItems")]
    public void Load_InvalidStorageKey_FailsNamingIt(string storage, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Load(Base + $", caching-service: {{ storage: {{ {storage} }} }} }}"));

        Assert.Equal(key, error.Key);
    }

    [Theory]
    [InlineData(10_000, 625)]
    [InlineData(32, 2)]
    [InlineData(33, 3)]
    [InlineData(1, 1)]
    public void BucketLimits_ShareTheNamespaceSizeEvenlyRoundingUp(int size, int perBucket)
    {
        Assert.Equal(perBucket, BucketLimits.From(new CachingSettings { MaxEntries = size }).MaxEntries);
    }

    private CachingSettings Load(string yaml) => ZoweConfigLoader.Load(temp.WriteFile("zowe.yaml", yaml), null).CachingSettings;
}
