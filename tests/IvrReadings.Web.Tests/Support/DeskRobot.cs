using System.Diagnostics;
using Microsoft.Playwright;

namespace IvrReadings.Web.Tests.Support;

/// <summary>
/// A reviewer at the keyboard: every key press or figure typed is one action, counted per call, with the seconds the
/// call took from its page showing to the next one showing (no listening: the robot does not wait for the audio).
/// </summary>
public sealed class DeskRobot(IPage page)
{
    private readonly Stopwatch clock = new();
    private readonly List<(string Item, int Actions, TimeSpan Took)> items = [];
    private int actions;

    public IReadOnlyList<(string Item, int Actions, TimeSpan Took)> Items => items;

    public void Begin()
    {
        actions = 0;
        clock.Restart();
    }

    public void End(string item) => items.Add((item, actions, clock.Elapsed));

    /// <summary>A check by the test, not the reviewer's time: the clock stops while it runs.</summary>
    public async Task<T> AsideAsync<T>(Func<Task<T>> check)
    {
        clock.Stop();
        try
        {
            return await check();
        }
        finally
        {
            clock.Start();
        }
    }

    public async Task PressAsync(string key)
    {
        actions++;
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>Typing a figure or an account number: one action however many digits.</summary>
    public async Task TypeAsync(string text)
    {
        actions++;
        await page.Keyboard.TypeAsync(text);
    }
}
