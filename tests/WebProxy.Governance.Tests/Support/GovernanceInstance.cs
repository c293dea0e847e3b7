using WebProxy.Policy.Exemptions;
using WebProxy.Storage;

namespace WebProxy.Governance.Tests.Support;

/// <summary>
/// The governance objects one process opens over a data folder, wired as the host wires them. Two instances over the
/// same folder stand for the service and the command line.
/// </summary>
internal sealed class GovernanceInstance : IDisposable
{
    public GovernanceInstance(string dataDirectory, TimeProvider clock)
    {
        Log = new GovernanceLog(dataDirectory, clock);
        Store = new ExemptionStore(Log);
        DirectoryFile = new DirectoryFile(Path.Combine(dataDirectory, GovernanceFixture.DirectoryFileName));
        State = new GovernanceState(Log, Store, DirectoryFile);
        Exemptions = new ExemptionService(State, new ExemptionRules(ExemptionSettings.Default), clock);
        Directory = new DirectoryService(State, clock);
        SignIn = new SignInService(State, new SignInThrottle(clock), clock);
        LogService = new GovernanceLogService(State);
    }

    public GovernanceLog Log { get; }

    public ExemptionStore Store { get; }

    public DirectoryFile DirectoryFile { get; }

    public GovernanceState State { get; }

    public ExemptionService Exemptions { get; }

    public DirectoryService Directory { get; }

    public SignInService SignIn { get; }

    public GovernanceLogService LogService { get; }

    public void Dispose() => Log.Dispose();
}
