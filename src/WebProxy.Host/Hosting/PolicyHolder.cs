using WebProxy.Categories;
using WebProxy.Policy.Rules;
using WebProxy.Proxy.Rules;

namespace WebProxy.Host.Hosting;

/// <summary>
/// The policy engine in force: rebuilt from the new index whenever the category index is swapped, and published
/// with one reference write, so requests never see a half-applied reload.
/// </summary>
internal sealed class PolicyHolder : IPolicySource, IDisposable
{
    private readonly CategoryIndexProvider _provider;
    private readonly CategoryMapping _mapping;
    private readonly PolicySettings _settings;
    private volatile PolicyEngine _current;

    public PolicyHolder(CategoryIndexProvider provider, CategoryMapping mapping, PolicySettings settings)
    {
        _provider = provider;
        _mapping = mapping;
        _settings = settings;
        _current = new PolicyEngine(provider.Current, mapping, settings);
        provider.Changed += OnIndexChanged;
    }

    public PolicyEngine Current => _current;

    public void Dispose() => _provider.Changed -= OnIndexChanged;

    private void OnIndexChanged(object? sender, CategoryIndexChangedEventArgs e) =>
        _current = new PolicyEngine(e.Current, _mapping, _settings);
}
