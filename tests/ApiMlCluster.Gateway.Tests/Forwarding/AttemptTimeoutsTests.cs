using ApiMlCluster.Discovery.Metadata;
using ApiMlCluster.Gateway.Forwarding;

namespace ApiMlCluster.Gateway.Tests.Forwarding;

public sealed class AttemptTimeoutsTests
{
    private static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    [Fact]
    public void Of_NoMetadata_IsTheGatewayDefaultForBoth() =>
        Assert.Equal(new AttemptTimeouts(Default, Default), AttemptTimeouts.Of(ServiceTimeouts.None, Default));

    [Fact]
    public void Of_ConnectTimeoutKey_IsUsedForBothAsZoweV3Does() =>
        Assert.Equal(new AttemptTimeouts(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)), AttemptTimeouts.Of(new ServiceTimeouts { ConnectTimeout = 2000 }, Default));

    [Fact]
    public void Of_V2Keys_SetConnectAndResponseSeparately() =>
        Assert.Equal(
            new AttemptTimeouts(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3)),
            AttemptTimeouts.Of(new ServiceTimeouts { ConnectTimeout = 9000, ConnectTimeoutV2 = 500, ReadTimeout = 4000, ResponseTimeout = 3000 }, Default));

    [Fact]
    public void Of_ReadTimeoutWithoutResponseTimeout_IsTheResponseTimeout() =>
        Assert.Equal(TimeSpan.FromSeconds(4), AttemptTimeouts.Of(new ServiceTimeouts { ReadTimeout = 4000 }, Default).Response);
}
