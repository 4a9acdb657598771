using System.Text;

namespace P2C2R.GamerClient.Play;

/// <summary>
/// Draws frames in a terminal: two pixels per character cell with the upper half block (▀),
/// foreground for the upper pixel and background for the lower, in 24-bit colour, scaled to the
/// terminal's size with the frame's aspect kept, and a status line under it. Colours are only
/// re-sent when they change, which keeps a frame to a few tens of kilobytes. The alternate
/// screen is used, so the shell comes back untouched.
/// </summary>
public sealed class TerminalView : IDisposable
{
    private readonly Stream _out = Console.OpenStandardOutput();
    private readonly StringBuilder _text = new(1 << 16);
    private byte[] _bytes = new byte[1 << 16];

    public TerminalView() => Write("\e[?1049h\e[?25l\e[2J");

    public void Draw(PlayStatus frame, string status)
    {
        var columns = Math.Max(8, Console.WindowWidth);
        var rows = Math.Max(2, Console.WindowHeight - 1);
        var scale = Math.Min((double)columns / frame.Width, 2.0 * rows / frame.Height);
        var width = Math.Max(1, (int)(frame.Width * scale));
        var cellRows = Math.Max(1, (int)(frame.Height * scale / 2));
        _text.Clear().Append("\e[H");
        var (lastTop, lastBottom) = (-1, -1);
        for (var row = 0; row < cellRows; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var x = column * frame.Width / width;
                var top = Pixel(frame, x, 2 * row * frame.Height / (2 * cellRows));
                var bottom = Pixel(frame, x, (2 * row + 1) * frame.Height / (2 * cellRows));
                if (top != lastTop)
                {
                    _text.Append("\e[38;2;").Append(top >> 16).Append(';').Append((top >> 8) & 0xFF).Append(';').Append(top & 0xFF).Append('m');
                    lastTop = top;
                }

                if (bottom != lastBottom)
                {
                    _text.Append("\e[48;2;").Append(bottom >> 16).Append(';').Append((bottom >> 8) & 0xFF).Append(';').Append(bottom & 0xFF).Append('m');
                    lastBottom = bottom;
                }

                _text.Append('▀');
            }

            _text.Append("\e[0m\e[K\r\n");
            (lastTop, lastBottom) = (-1, -1);
        }

        _text.Append("\e[0m\e[J").Append(status.Length > columns ? status[..columns] : status);
        Write(_text);
    }

    public void Dispose()
    {
        Write("\e[0m\e[?25h\e[?1049l");
        _out.Dispose();
    }

    private static int Pixel(PlayStatus frame, int x, int y)
    {
        var at = (y * frame.Width + x) * 3;
        return (frame.Rgb[at] << 16) | (frame.Rgb[at + 1] << 8) | frame.Rgb[at + 2];
    }

    private void Write(StringBuilder text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_bytes.Length < length)
        {
            _bytes = new byte[length];
        }

        var written = 0;
        foreach (var chunk in text.GetChunks())
        {
            written += Encoding.UTF8.GetBytes(chunk.Span, _bytes.AsSpan(written));
        }

        _out.Write(_bytes, 0, written);
        _out.Flush();
    }

    private void Write(string text) => Write(new StringBuilder(text));
}
