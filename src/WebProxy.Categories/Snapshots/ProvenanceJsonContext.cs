using System.Text.Json.Serialization;

namespace WebProxy.Categories.Snapshots;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CategorySnapshotProvenance))]
internal sealed partial class ProvenanceJsonContext : JsonSerializerContext;
