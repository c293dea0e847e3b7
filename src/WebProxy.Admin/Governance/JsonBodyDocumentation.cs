using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace WebProxy.Admin.Governance;

/// <summary>
/// Describes a JSON request body in the OpenAPI document without <c>Accepts</c> metadata: that metadata makes routing
/// answer a wrong content type with a bare 415 before the handler runs, and <see cref="JsonBody"/> would never get to
/// answer with a problem naming the field.
/// </summary>
internal static class JsonBodyDocumentation
{
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder, bool required = true) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
