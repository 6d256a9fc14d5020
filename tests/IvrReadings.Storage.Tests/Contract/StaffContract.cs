using IvrReadings.Domain;
using IvrReadings.Storage.Tests.Support;

namespace IvrReadings.Storage.Tests.Contract;

public abstract partial class StoreContract
{
    [StoreFact]
    public async Task Staff_users_can_be_created_read_updated_and_deleted()
    {
        var created = Clock.GetUtcNow();
        var user = new StaffUser("ivanova", StaffRole.Operator, "pbkdf2$100000$salt$hash", 0, null, created);
        Assert.True(await Staff.CreateAsync(user, default));
        Assert.False(await Staff.CreateAsync(user with { Login = "IVANOVA" }, default));
        Assert.Equal(user, await Staff.GetAsync("Ivanova", default));

        var locked = user with { FailedAttempts = 5, LockedUntil = created.AddMinutes(15), Role = StaffRole.Supervisor };
        Assert.True(await Staff.UpdateAsync(locked, default));
        Assert.Equal(locked, await Staff.GetAsync("ivanova", default));
        Assert.False(await Staff.UpdateAsync(user with { Login = "ghost" }, default));

        await Staff.CreateAsync(new StaffUser("admin", StaffRole.Supervisor, "h", 0, null, created), default);
        Assert.Equal(["admin", "ivanova"], (await Staff.ListAsync(default)).Select(u => u.Login));
        Assert.Equal(2, await Staff.CountAsync(default));
        Assert.True(await Staff.DeleteAsync("IVANOVA", default));
        Assert.False(await Staff.DeleteAsync("ivanova", default));
        Assert.Null(await Staff.GetAsync("ivanova", default));
    }
}
