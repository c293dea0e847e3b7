# WebProxy container: the same commands as README.md, in two stages.
# Build: docker build -t webproxy .
# Run:   docker run -p 3128:3128 -p 8081:8081 -v webproxy-data:/data webproxy   (admin port: https, see README)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/WebProxy.Host -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The data folder holds the organisation CA's private key: owned by the unprivileged user, nobody else.
RUN mkdir -p /data && chown app:app /data && chmod 700 /data
USER app
VOLUME /data
EXPOSE 3128 8081
ENTRYPOINT ["dotnet", "/app/webproxy.dll"]
CMD ["run", "--config", "/app/Deployment/webproxy.container.json"]
