namespace P2C2R.Remote.Tests;

public class AddressTests
{
    [Theory]
    [InlineData("p2c2r.tcp://coordinator@10.0.0.5:8765", "coordinator", "10.0.0.5", 8765)]
    [InlineData("p2c2r.tcp://peer-1@helper.example:0", "peer-1", "helper.example", 0)]
    public void Addresses_parse_and_print_back(string text, string system, string host, int port)
    {
        var address = Address.Parse(text);

        Assert.Equal(new Address(system, host, port), address);
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("akka.tcp://a@b:1")]
    [InlineData("p2c2r.tcp://a@b")]
    [InlineData("p2c2r.tcp://@b:1")]
    [InlineData("p2c2r.tcp://a@b:99999")]
    [InlineData("p2c2r.tcp://a@b:x")]
    public void Bad_addresses_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => Address.Parse(text));
    }

    [Fact]
    public void Actor_paths_carry_elements_and_uid()
    {
        var path = RemotePath.Parse("p2c2r.tcp://sys@127.0.0.1:2552/user/session/worker#42");

        Assert.Equal("/user/session/worker", path.Elements);
        Assert.Equal(42, path.Uid);
        Assert.Equal("p2c2r.tcp://sys@127.0.0.1:2552/user/session/worker", path.ToActorPath().ToString());
        Assert.Equal("p2c2r.tcp://sys@127.0.0.1:2552/user/session/worker#42", path.ToString());
        Assert.False(RemotePath.TryParse("p2c2r.tcp://sys@127.0.0.1:2552", out _));
    }
}
