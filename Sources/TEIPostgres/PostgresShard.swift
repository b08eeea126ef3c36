import Foundation

/// A shard server as the coordinator knows it: a `postgres_fdw` foreign server named
/// `tei_shard_N` and the user mapping that signs in to it. The server's options hold where it is
/// (libpq's keywords: host, port, dbname, …), the mapping the user and password, so the
/// coordinator is the one place that records the shards and their credentials.
public struct PostgresShard: Sendable, Equatable {
    /// The coordinator's foreign server for this shard.
    public let server: String
    /// How to reach the shard: with the mapping's password when the role asking may read it (the
    /// role that added the shards, or a superuser), without it otherwise.
    public let url: PostgresURL

    /// The prefix of the foreign servers tei makes for its shards, numbered from 1.
    public static let serverPrefix = "tei_shard_"

    /// The foreign server name of the shard numbered `number` (1-based).
    public static func serverName(_ number: Int) -> String { serverPrefix + String(number) }

    /// The options of postgres_fdw itself (not libpq keywords), which a shard's URL leaves out.
    static let wrapperOptions: Set<String> = [
        "async_capable", "batch_size", "fetch_size", "extensions", "updatable", "truncatable", "use_remote_estimate",
        "fdw_startup_cost", "fdw_tuple_cost", "keep_connections", "parallel_commit", "analyze_sampling", "password_required",
    ]

    /// The shard named `server`, from its foreign server's options and its user mapping's
    /// (`key=value` texts, as PostgreSQL lists them).
    init(server: String, serverOptions: [String], mappingOptions: [String]) throws {
        self.server = server
        var url = try PostgresURL(parsing: "postgres://")
        var hosts: [String] = [], ports: [String] = []
        for (key, value) in (serverOptions + mappingOptions).map(Self.pair) where !Self.wrapperOptions.contains(key) {
            switch key {
            case "host": hosts = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            case "port": ports = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            case "dbname": url.database = value
            case "user": url.user = value
            case "password": url.password = value
            // tei's default, which a URL need not spell.
            case "connect_timeout" where value == String(PostgresURL.defaultConnectTimeoutSeconds): continue
            default: url.parameters.append(PostgresURL.Parameter(key: key, value: value))
            }
        }
        if hosts.isEmpty || hosts.contains(where: { $0.hasPrefix("/") }) {
            // A socket folder is written as a parameter (`?host=/run/pg`), as a user would write it.
            url.parameters = [("host", hosts), ("port", ports)].filter { !$0.1.isEmpty }
                .map { PostgresURL.Parameter(key: $0.0, value: $0.1.joined(separator: ",")) } + url.parameters
        } else {
            url.hosts = hosts.enumerated().map { index, name in
                let port = index < ports.count ? ports[index] : ports.last
                return PostgresURL.Host(name: name, port: port?.isEmpty == false ? port : nil)
            }
        }
        self.url = url
    }

    private static func pair(_ option: String) -> (String, String) {
        guard let equals = option.firstIndex(of: "=") else { return (option, "") }
        return (String(option[..<equals]), String(option[option.index(after: equals)...]))
    }
}
