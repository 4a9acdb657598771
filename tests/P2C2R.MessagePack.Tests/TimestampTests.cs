namespace P2C2R.MessagePack.Tests;

public class TimestampTests
{
    [Theory]
    [InlineData(0L, 0u, 0xd6)]
    [InlineData(4294967295L, 0u, 0xd6)]
    [InlineData(4294967296L, 0u, 0xd7)]
    [InlineData(1L, 1u, 0xd7)]
    [InlineData(17179869183L, 999999999u, 0xd7)]
    [InlineData(17179869184L, 0u, 0xc7)]
    [InlineData(-1L, 0u, 0xc7)]
    [InlineData(long.MinValue, 999999999u, 0xc7)]
    public void Timestamps_take_the_smallest_of_the_three_layouts(long seconds, uint nanoseconds, int code)
    {
        var value = new MessagePackTimestamp(seconds, nanoseconds);
        var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(value));

        Assert.Equal(code, bytes[0]);
        Assert.Equal(unchecked((byte)-1), bytes[code == 0xc7 ? 2 : 1]);
        Assert.Equal(value, new MessagePackReader(bytes).ReadTimestamp());
    }

    [Fact]
    public void DateTime_round_trips_at_tick_precision()
    {
        var now = new DateTime(2026, 11, 22, 1, 2, 3, DateTimeKind.Utc).AddTicks(1234567);
        var before = new DateTime(1969, 7, 20, 20, 17, 40, DateTimeKind.Utc).AddTicks(1);

        foreach (var value in new[] { now, before })
        {
            var bytes = Bytes.Encode((ref MessagePackWriter w) => w.Write(MessagePackTimestamp.FromDateTime(value)));
            Assert.Equal(value, new MessagePackReader(bytes).ReadDateTime());
        }
    }

    [Fact]
    public void Nanoseconds_past_a_second_are_refused()
    {
        byte[] bytes = [0xd7, 0xff, 0xff, 0xff, 0xff, 0xfc, 0, 0, 0, 0];

        Assert.Throws<WireFormatException>(() => new MessagePackReader(bytes).ReadTimestamp());
    }
}
