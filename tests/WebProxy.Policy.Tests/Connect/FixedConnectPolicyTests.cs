using WebProxy.Policy.Connect;

namespace WebProxy.Policy.Tests.Connect;

public sealed class FixedConnectPolicyTests
{
    [Fact]
    public void Port_443_gets_the_configured_action()
    {
        var policy = new FixedConnectPolicy(ConnectAction.Intercept, [443]);
        Assert.Equal(ConnectAction.Intercept, policy.Decide(new ConnectTarget("example.com", 443)));
    }

    [Fact]
    public void A_port_outside_the_allow_list_is_refused_like_squids_SSL_ports()
    {
        var policy = new FixedConnectPolicy(ConnectAction.Tunnel, [443, 8443]);
        Assert.Equal(ConnectAction.Tunnel, policy.Decide(new ConnectTarget("example.com", 8443)));
        Assert.Equal(ConnectAction.Refuse, policy.Decide(new ConnectTarget("example.com", 22)));
        Assert.Equal(ConnectAction.Refuse, policy.Decide(new ConnectTarget("example.com", 25)));
    }
}
