using ApiMlCluster.Auth.Login;
using ApiMlCluster.Auth.Providers.FileStore;
using ApiMlCluster.TestSupport;

namespace ApiMlCluster.Auth.Tests.Login;

public sealed class LoginThrottleTests
{
    private readonly ManualClock clock = new();

    [Fact]
    public void IsBlocked_AfterFewerFailuresThanAllowed_IsFalse()
    {
        var throttle = new LoginThrottle(clock);
        Fail(throttle, "ALICE", LoginThrottle.FreeFailures - 1);

        Assert.False(throttle.IsBlocked("alice"));
    }

    [Fact]
    public void IsBlocked_AfterTooManyFailures_IsTrueUntilTheBackoffPasses()
    {
        var throttle = new LoginThrottle(clock);
        Fail(throttle, "ALICE", LoginThrottle.FreeFailures);

        Assert.True(throttle.IsBlocked("ALICE"));
        clock.Advance(TimeSpan.FromSeconds(1.1));
        Assert.False(throttle.IsBlocked("ALICE"));
    }

    [Fact]
    public void IsBlocked_OtherUser_IsNotAffected()
    {
        var throttle = new LoginThrottle(clock);
        Fail(throttle, "ALICE", 50);

        Assert.False(throttle.IsBlocked("BOB"));
    }

    [Theory]
    [InlineData("\u017Fam")]
    [InlineData("al\u0131ce")]
    [InlineData("Alice")]
    public void IsBlocked_TheFileProvidersFormOfTheUserId_SharesTheCount(string typed)
    {
        var throttle = new LoginThrottle(clock);
        Fail(throttle, typed, LoginThrottle.FreeFailures);

        UserIds.TryNormalize(typed, out var stored);
        Assert.True(throttle.IsBlocked(stored));
    }

    [Fact]
    public void RecordFailure_FloodOfOtherIdsFillingTheBound_KeepsAUserWithSeveralFailures()
    {
        var throttle = new LoginThrottle(clock, maxTracked: 100);
        Fail(throttle, "ALICE", LoginThrottle.FreeFailures - 1);

        for (var i = 0; i < 1_000; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            throttle.RecordFailure($"X{i}");
        }

        Fail(throttle, "ALICE", 1);
        Assert.True(throttle.IsBlocked("ALICE"));
        Assert.True(throttle.Tracked <= 100);
    }

    [Fact]
    public void Backoff_KeepsDoublingButNeverExceedsTheMaximum()
    {
        var throttle = new LoginThrottle(clock);
        Fail(throttle, "ALICE", 100);

        clock.Advance(LoginThrottle.MaxBackoff - TimeSpan.FromSeconds(1));
        Assert.True(throttle.IsBlocked("ALICE"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(throttle.IsBlocked("ALICE"));
    }

    [Fact]
    public void RecordSuccess_ClearsTheFailures()
    {
        var throttle = new LoginThrottle(clock);
        Fail(throttle, "ALICE", LoginThrottle.FreeFailures - 1);
        throttle.RecordSuccess("ALICE");
        throttle.RecordFailure("ALICE");

        Assert.False(throttle.IsBlocked("ALICE"));
    }

    private static void Fail(LoginThrottle throttle, string user, int times)
    {
        for (var i = 0; i < times; i++)
        {
            throttle.RecordFailure(user);
        }
    }
}
