using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Xunit;

namespace P2C2R.TestKit;

/// <summary>
/// An expectation on log output, in the spirit of Akka's EventFilter:
/// <c>Logs.Error(contains: "boom").ExpectOne(() => actor.Tell("fail"))</c>.
/// </summary>
public sealed class LogFilter
{
    private readonly LogCapture _capture;
    private readonly TestKitSettings _settings;
    private readonly LogLevel _level;
    private readonly string? _contains;
    private readonly Type? _exceptionType;

    internal LogFilter(LogCapture capture, TestKitSettings settings, LogLevel level, string? contains, Type? exceptionType)
    {
        _capture = capture;
        _settings = settings;
        _level = level;
        _contains = contains;
        _exceptionType = exceptionType;
    }

    public void ExpectOne(Action action, TimeSpan? timeout = null) => Expect(1, action, timeout);

    /// <summary>Runs <paramref name="action"/> and waits until exactly <paramref name="count"/> matching entries were logged.</summary>
    public void Expect(int count, Action action, TimeSpan? timeout = null)
    {
        var before = _capture.Entries.Count;
        action();
        var limit = _settings.Dilated(timeout ?? _settings.SingleExpectDefault);
        var watch = Stopwatch.StartNew();
        var matches = Matches(before);
        while (matches.Count < count && watch.Elapsed < limit)
        {
            Thread.Sleep(5);
            matches = Matches(before);
        }

        if (matches.Count != count)
        {
            Assert.Fail($"expected {count} {Describe()} log entries but saw {matches.Count}:{string.Concat(matches.Select(m => "\n  " + m.Message))}");
        }
    }

    /// <summary>Runs <paramref name="action"/> and fails if a matching entry is logged within <paramref name="duration"/>.</summary>
    public void ExpectNone(Action action, TimeSpan? duration = null)
    {
        var before = _capture.Entries.Count;
        action();
        Thread.Sleep(_settings.Dilated(duration ?? _settings.ExpectNoMessageDefault));
        var matches = Matches(before);
        if (matches.Count > 0)
        {
            Assert.Fail($"expected no {Describe()} log entries but saw:{string.Concat(matches.Select(m => "\n  " + m.Message))}");
        }
    }

    private List<LogEntry> Matches(int skip) => _capture.Entries.Skip(skip).Where(e =>
        e.Level == _level &&
        (_contains is null || e.Message.Contains(_contains, StringComparison.Ordinal)) &&
        (_exceptionType is null || _exceptionType.IsInstanceOfType(e.Exception))).ToList();

    private string Describe() =>
        $"{_level}{(_exceptionType is null ? "" : $" {_exceptionType.Name}")}{(_contains is null ? "" : $" containing \"{_contains}\"")}";
}

/// <summary>Builds <see cref="LogFilter"/>s for one test's captured log.</summary>
public sealed class LogFilters(LogCapture capture, TestKitSettings settings)
{
    public LogFilter Error(string? contains = null) => new(capture, settings, LogLevel.Error, contains, null);

    public LogFilter Warning(string? contains = null) => new(capture, settings, LogLevel.Warning, contains, null);

    public LogFilter Information(string? contains = null) => new(capture, settings, LogLevel.Information, contains, null);

    /// <summary>Entries of <paramref name="level"/> (Error by default) that carry a <typeparamref name="T"/>.</summary>
    public LogFilter Exception<T>(string? contains = null, LogLevel level = LogLevel.Error) where T : Exception =>
        new(capture, settings, level, contains, typeof(T));

    public IReadOnlyList<LogEntry> Entries => capture.Entries;
}
