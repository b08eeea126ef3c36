import Foundation
import TEIStorage

/// The plan as readable text, one step per line with its input indented below it, expressions in
/// tei's own syntax, for tests and plan snapshots. A relation that several steps read is written
/// once, under its name, and named where it is read again.
public enum PlanPrinter {
    public static func text(_ relation: Relation) -> String {
        var printer = Printer(shared: relation.sharedRelations)
        printer.write(relation, depth: 0)
        return printer.lines.joined(separator: "\n") + "\n"
    }

    private struct Printer {
        let shared: Set<ObjectIdentifier>
        var names: [ObjectIdentifier: String] = [:]
        var lines: [String] = []

        mutating func write(_ relation: Relation, depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            let id = ObjectIdentifier(relation)
            if let name = names[id] {
                lines.append(indent + "read \(name)")
                return
            }
            var head = describe(relation.node)
            if case .scan(let source) = relation.node {
                // A scan reading other columns than all of the table's (fewer, or physical ones) names them.
                let read = relation.columns == source.columns ? "" : relation.columns.map(\.name).joined(separator: ", ") + " of "
                head += " (\(read)\(source.columns.count) columns)"
            }
            if relation.readsInPlace { head += "  [read in place]" }
            if relation.rowOrderUnused { head += "  [unordered]" }
            if relation.readsInIndexOrder { head += "  [in index order]" }
            if shared.contains(id) {
                let name = "%" + (relation.label ?? "shared") + "\(names.count + 1)"
                names[id] = name
                head = "\(name) = " + head
            }
            lines.append(indent + head)
            for input in relation.node.inputs { write(input, depth: depth + 1) }
        }

        func describe(_ node: PlanNode) -> String {
            switch node {
            case .scan(let source):
                return "scan " + (source.writtenPath as NSString).lastPathComponent
            case .singleRow: return "one row"
            case .filter(_, let condition): return "filter " + expression(condition)
            case .project(_, let outputs): return "project " + named(outputs)
            case .sort(_, let keys): return "sort " + sortKeys(keys)
            case .limit(_, let offset, let count): return "take \(offset + 1)..\(offset + count)"
            case .aggregate(_, let keys, let aggregates): return "group \(named(keys)) (\(named(aggregates)))"
            case .join(let kind, _, _, let condition, let outputs):
                return "join \(kind.rawValue) on \(expression(condition))" + (outputs.isEmpty ? "" : " → " + named(outputs))
            case .explode(_, let list, let name): return "explode \(expression(list)) as \(name)"
            case .explodeItems(_, let items, let row, let name): return "explode items of \(items.table.name) by \(row) as \(name)"
            case .append: return "append"
            case .window(_, let outputs): return outputs.isEmpty ? "window (nothing read)" : "window " + named(outputs)
            case .operator(let planOperator): return planOperator.planText
            }
        }
    }
}

/// Expressions in tei's own syntax, for the plan text of every operator.
extension PlanPrinter {
    static func named(_ outputs: [NamedExpression]) -> String {
        outputs.map { output in
            if case .column(output.name, nil, _) = output.expression { return output.name }
            return "\(output.name) = \(expression(output.expression))"
        }.joined(separator: ", ")
    }

    static func sortKeys(_ keys: [PlanSortKey]) -> String {
        keys.map { ($0.descending ? "-" : "") + expression($0.expression) }.joined(separator: ", ")
    }

    static func expression(_ expression: PlanExpression) -> String {
        switch expression {
        case .column(let name, let side, _):
            return side.map { $0 == .left ? "left." : "right." }.map { $0 + name } ?? name
        case .literal(let value, _):
            return literal(value)
        case .call(let operation, let arguments, _):
            let parts = arguments.map(self.expression)
            switch operation {
            case .and, .or, .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .matches,
                 .add, .subtract, .multiply, .divide, .remainder, .concat:
                return "(\(parts[0]) \(operation.rawValue) \(parts[1]))"
            case .not: return "not \(parts[0])"
            case .negate: return "-\(parts[0])"
            case .isNull: return "(\(parts[0]) == null)"
            case .isNotNull: return "(\(parts[0]) != null)"
            case .inList: return "(\(parts[0]) in [\(parts.dropFirst().joined(separator: ", "))])"
            case .listContains: return "(\(parts[1]) in \(parts[0]))"
            case .makeList: return "[\(parts.joined(separator: ", "))]"
            default: return "\(operation.rawValue)(\(parts.joined(separator: ", ")))"
            }
        case .window(let operation, let arguments, let partition, let order, _):
            var over: [String] = []
            if !partition.isEmpty { over.append("by " + partition.map(self.expression).joined(separator: ", ")) }
            if !order.isEmpty { over.append("sort " + sortKeys(order)) }
            return "\(operation.rawValue)(\(arguments.map(self.expression).joined(separator: ", "))) over (\(over.joined(separator: "; ")))"
        case .decode(let dictionary, let code):
            return "decode(\(dictionary.table.name), \(self.expression(code)))"
        case .encode(let dictionary, let value):
            return "encode(\(dictionary.table.name), \(self.expression(value)))"
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .text(let text): return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .timestamp, .date: return "@" + value.text.replacingOccurrences(of: " ", with: "T")
        case .list(let items): return "[" + items.map { literal(.text($0)) }.joined(separator: ", ") + "]"
        default: return value.text
        }
    }
}
