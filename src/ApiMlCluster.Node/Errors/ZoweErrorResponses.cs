using ApiMlCluster.Core.Messages;
using Microsoft.AspNetCore.Diagnostics;

namespace ApiMlCluster.Node.Errors;

/// <summary>
/// Every error the node itself produces leaves in Zowe's message format: unknown paths (ZWEAO404E), wrong
/// methods (ZWEAO405E) and unexpected failures (ZWEAO500E, with no internals in the body).
/// </summary>
internal static class ZoweErrorResponses
{
    public static void UseZoweErrorResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ApiMlCluster.Node.Errors")
                    .LogError(failure, "Unhandled error for {Method} {Path}", context.Request.Method, context.Request.Path);
                return WriteAsync(context, CommonMessages.InternalServerError);
            },
        });

        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => WriteAsync(context.HttpContext, CommonMessages.NotFound),
            StatusCodes.Status405MethodNotAllowed => WriteAsync(context.HttpContext, CommonMessages.MethodNotAllowed),
            _ => Task.CompletedTask,
        });
    }

    public static Task WriteAsync(HttpContext context, MessageTemplate message, params object?[] arguments)
    {
        context.Response.StatusCode = message.Status;
        return context.Response.WriteAsJsonAsync(message.View(arguments));
    }
}
