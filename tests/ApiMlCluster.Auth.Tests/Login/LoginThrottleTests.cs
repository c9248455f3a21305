using ApiMlCluster.Auth.Login;
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
