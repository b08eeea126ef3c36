import ArgumentParser
import Foundation
import TEIPostgres
import TEIRender
import TEIStorage

/// `tei admin shards`: makes the server a coordinator whose releases' tweets are spread over
/// shard servers (docs/postgres.md, "Scale-out").
struct AdminShards: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shards",
        abstract: "Makes the server a coordinator: every release copied to it afterwards has its tweets spread over these shard servers.",
        subcommands: [AdminShardsAdd.self, AdminShardsList.self]
    )
}

/// `tei admin shards add URL… --db URL`: shard servers recorded on the coordinator.
struct AdminShardsAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Attaches shard servers to the coordinator (--db): each becomes a postgres_fdw foreign server with its user and password.",
        discussion: """
        Each shard is connected to first: one that cannot be reached, that is attached already, that is the coordinator itself \
        or whose database does not sort text by bytes (C collation) is an error, and no shard is attached. A release copied \
        to the coordinator afterwards has its tweets hash-partitioned by account over all the shards it then has; releases \
        already there keep their layout. Passwords are never printed.
        """
    )

    @Argument(help: ArgumentHelp("The shard servers, as PostgreSQL URLs (postgres://user:password@host:port/database).", valueName: "url"))
    var shards: [String]

    @OptionGroup var backend: BackendOptions

    func validate() throws {
        _ = try Admin.server(backend)
        _ = try shardURLs()
    }

    func run() throws {
        let server = try Admin.server(backend)
        let connection = try Admin.connect(server)
        let added: [PostgresShard]
        do {
            added = try PostgresScaleOut.attach(shards: try shardURLs(), to: connection)
        } catch let error as PostgresError {
            Admin.report(error)
            throw ExitCode(1)
        }
        for shard in added { print("\(shard.server): \(shard.url.redacted)") }
        let count = try AdminShardsList.shards(on: connection).count
        print("releases copied to \(server.redacted) from now on have their tweets spread over \(count) shards")
    }

    /// The arguments as URLs; one that is not a PostgreSQL URL is a usage error that does not quote it.
    private func shardURLs() throws -> [PostgresURL] {
        try shards.enumerated().map { index, text in
            do {
                return try PostgresURL(parsing: text)
            } catch let error as PostgresURLError {
                throw ValidationError("shard \(index + 1): \(error)")
            }
        }
    }
}

/// `tei admin shards list --db URL`: the coordinator's shards.
struct AdminShardsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists the shard servers attached to the coordinator (--db), passwords left out."
    )

    @OptionGroup var backend: BackendOptions

    func validate() throws {
        _ = try Admin.server(backend)
    }

    func run() throws {
        let connection = try Admin.connect(try Admin.server(backend))
        let table = ResultTable(columns: [Column("server", .text), Column("url", .text)],
                                rows: try Self.shards(on: connection).map { [.text($0.server), .text($0.url.redacted)] })
        print(TextTableRenderer(terminal: TerminalInfo.detect(for: STDOUT_FILENO)).render(table))
    }

    /// The shards on the coordinator, or exit 1 after saying why they cannot be listed.
    static func shards(on connection: PostgresConnection) throws -> [PostgresShard] {
        do {
            return try PostgresScaleOut.shards(on: connection)
        } catch let error as PostgresError {
            Admin.report(error)
            throw ExitCode(1)
        }
    }
}
