using WebProxy.Policy.Categories;

namespace WebProxy.Categories;

/// <summary>A successful import: the built index and what was read.</summary>
public sealed record CategoryImportResult(CategoryIndex Index, ImportReport Report);
