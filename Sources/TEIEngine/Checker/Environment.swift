import TEILanguage
import TEIStorage

/// What a name in scope stands for.
enum ScopeEntry {
    /// A table: a plan that runs nothing until shown.
    case table(Relation)
    /// A value known without data: a `param`, or a `let` of a constant.
    case value(TypedExpression)
    /// A user function.
    case function(FunctionDeclaration)
    /// A function's parameter inside its body: the argument as written, checked where it is used.
    case argument(Expression, Scope)
    /// A name whose definition failed to check; using it reports nothing more.
    case poisoned
}

/// A level of names: the session's globals, or one function call's parameters.
final class Scope {
    private(set) var names: [String: ScopeEntry] = [:]
    let parent: Scope?
    /// The user functions being expanded, outermost first, whose expansion this scope belongs to:
    /// a call of one of them again would never end.
    let calls: [String]

    init(parent: Scope? = nil, calls: [String] = []) {
        self.parent = parent
        self.calls = calls
    }

    func lookup(_ name: String) -> ScopeEntry? {
        names[name] ?? parent?.lookup(name)
    }

    func define(_ name: String, _ binding: ScopeEntry) {
        names[name] = binding
    }

    /// Every name visible from here, for suggestions.
    var allNames: [String] {
        Array(names.keys) + (parent?.allNames ?? [])
    }

    /// The global scope at the root.
    var root: Scope { parent?.root ?? self }
}
