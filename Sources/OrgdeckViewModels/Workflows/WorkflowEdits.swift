import OrgdeckCore

/// The editor's edits, each a short sequence of pickers ending in a graph the core checks:
/// adding a node (its model, its version, what feeds it), feeding a node from another,
/// removing an input, choosing a version, renaming and removing a node.
struct WorkflowEdits {
    let section: WorkflowEditorSection
    typealias Purpose = WorkflowEditorSection.Purpose

    var state: WorkflowEditorState { section.state }
    var draft: WorkflowGraph { section.state.draft }
    var selected: WorkflowNode? { section.state.selected.flatMap { draft.node($0) } }

    func type(of node: WorkflowNode) -> ModelType? { state.model(node.model)?.type }

    /// Why `node` can take no other input: only a concept thresholder reads other nodes, and
    /// one that every other node feeds already has nothing left to add.
    func refusalToConnect(_ node: WorkflowNode) -> String? {
        guard type(of: node) == .conceptThresholder else {
            return "node \(node.id) reads the workflow's text: only a concept thresholder takes other inputs"
        }
        let fed = draft.sources(of: node.id)
        return draft.nodes.contains { $0.id != node.id && !fed.contains($0.id) } ? nil : "every other node already feeds \(node.id)"
    }

    /// Why `node` can lose none of its inputs: its only one.
    func refusalToDisconnect(_ node: WorkflowNode) -> String? {
        draft.sources(of: node.id).count > 1 ? nil : "\(node.id) has only this input: add another first, or remove the node"
    }

    func begin(_ event: ConsoleEvent) -> [Reaction] {
        switch event {
        case .new:
            guard !state.models.isEmpty else { return refused("the app has no models yet: create one in Models first") }
            guard draft.nodes.count < WorkflowGraph.maximumNodes else {
                return refused("a workflow has at most \(WorkflowGraph.maximumNodes) nodes")
            }
            return section.present(.picker(PickerState(title: "Add a node: which model?", options: state.models.map { model in
                PickerOption(value: model.id, label: model.id, detail: model.type.rawValue
                             + (model.latestTrained.map { " · v\($0.number) trained" } ?? " · not trained yet"))
            })), for: .model)
        default: break
        }
        guard let node = selected else { return refused("no node selected" + section.env.keys.suggest(.new, ": %k adds one")) }
        switch event {
        case .label:
            if let reason = refusalToConnect(node) { return refused(reason) }
            let candidates = draft.nodes.filter { $0.id != node.id && !draft.sources(of: node.id).contains($0.id) }
            return section.present(.picker(PickerState(title: "Feed \(node.id) from", options: candidates.map {
                PickerOption(value: $0.id, label: $0.id, detail: $0.model)
            })), for: .connect)
        case .unlabel:
            if let reason = refusalToDisconnect(node) { return refused(reason) }
            let sources = draft.sources(of: node.id)
            return section.present(.picker(PickerState(title: "Remove an input of \(node.id)", options: sources.map {
                PickerOption(value: $0, label: $0, detail: $0 == WorkflowGraph.input ? "the workflow's text" : draft.node($0)?.model ?? "")
            })), for: .disconnect)
        case .toggleView:
            return section.present(.picker(versionPicker(node.model, current: node.version)), for: .version(model: node.model, adding: false))
        case .edit:
            return section.present(.form(FormState(title: "Rename node \(node.id)", fields: [
                FormField(key: "id", label: "Node ID", value: node.id, hint: AppActions.idHint, maxLength: 32),
            ])), for: .rename)
        case .delete:
            // Refused on the key when the graph would break; otherwise asked, as every removal:
            // the only undo of an unsaved draft is discarding every change in it.
            do {
                try section.env.service.checkWorkflow(section.env.session, in: section.ref.context, appID: section.ref.appID,
                                                      graph: without(node.id))
            } catch { return refused(error.userMessage) }
            return section.present(.confirm(ConfirmState(title: "Remove node",
                message: "Remove node \(node.id) (\(node.model)) and its connections from the graph? Nothing is saved until w.",
                requiredText: nil, verb: "remove")), for: .removeNode(node.id))
        default: return []
        }
    }

    /// The model's trained versions, "latest trained" first.
    func versionPicker(_ model: String, current: String?) -> PickerState {
        let versions = ((try? section.env.service.versions(section.env.session, in: section.ref.context, appID: section.ref.appID,
                                                           modelID: model)) ?? []).filter { $0.status == .trained }
        var options = [PickerOption(value: "", label: "latest trained", detail: versions.first.map { "now v\($0.number)" } ?? "none yet")]
        options += versions.map { PickerOption(value: $0.id, label: "v\($0.number)  \($0.id)", detail: $0.finishedAt?.utcDay ?? "") }
        return PickerState(title: "Version of \(model)", options: options, selected: current ?? "")
    }

    /// Applies a graph the core accepts; a refusal leaves the draft as it was and says why.
    func attempt(_ graph: WorkflowGraph, select: String? = nil, message: String) -> [Reaction] {
        do { return try section.apply(graph, select: select, message: message) } catch { return [.flash(.warn(error.userMessage))] }
    }

    /// The draft without node `id` and its connections.
    func without(_ id: String) -> WorkflowGraph {
        var graph = draft
        graph.nodes.removeAll { $0.id == id }
        graph.edges.removeAll { $0.from == id || $0.to == id }
        return graph
    }

    func carryOut(_ purpose: Purpose, _ dialog: Dialog) throws -> [Reaction] {
        switch (purpose, dialog) {
        case (.removeNode(let id), .confirm):
            return attempt(without(id), message: "removed \(id)")
        case (.model, .picker(let picker)):
            guard let model = picker.highlighted?.value else { return [] }
            return section.present(.picker(versionPicker(model, current: nil)), for: .version(model: model, adding: true))
        case (.version(let model, let adding), .picker(let picker)):
            let version = picker.highlighted.flatMap { $0.value.isEmpty ? nil : $0.value }
            guard adding else {
                guard let node = selected else { return [] }
                var graph = draft
                graph.nodes = graph.nodes.map { $0.id == node.id ? WorkflowNode(id: node.id, model: node.model, version: version) : $0 }
                return attempt(graph, message: "\(node.id) runs \(version ?? "the latest trained version")")
            }
            if state.model(model)?.type.takesText != false { return add(model, version, fedBy: [WorkflowGraph.input]) }
            let sources = draft.nodes
            guard !sources.isEmpty else { return refused("a concept thresholder is fed by model nodes: add one first") }
            return section.present(.picker(PickerState(title: "Feed the new \(model) node from (Space marks several)",
                                                       options: sources.map { PickerOption(value: $0.id, label: $0.id, detail: $0.model) },
                                                       multiple: true)), for: .sources(model: model, version: version))
        case (.sources(let model, let version), .picker(let picker)):
            let marked = picker.chosen
            // Nothing marked and nothing under the cursor (a filter that matches no node): the
            // picker stays open and says so, rather than ending the three steps in a refusal.
            guard !marked.isEmpty else {
                throw CoreError.invalid("sources", "choose the node that feeds it: the filter \"\(picker.filter.text)\" matches none")
            }
            return add(model, version, fedBy: marked)
        case (.connect, .picker(let picker)):
            guard let node = selected, let source = picker.highlighted?.value else { return [] }
            var graph = draft
            graph.edges.append(WorkflowEdge(from: source, to: node.id))
            return attempt(graph, message: "\(source) now feeds \(node.id)")
        case (.disconnect, .picker(let picker)):
            guard let node = selected, let source = picker.highlighted?.value else { return [] }
            var graph = draft
            graph.edges.removeAll { $0.from == source && $0.to == node.id }
            return attempt(graph, message: "\(source) no longer feeds \(node.id)")
        case (.rename, .form(let form)):
            guard let node = selected else { return [] }
            let id = try Validation.identifier(form.value("id"))
            guard id == node.id || draft.node(id) == nil else { throw CoreError.conflict("node ID \(id) is taken", field: "id") }
            var graph = draft
            graph.nodes = graph.nodes.map { $0.id == node.id ? WorkflowNode(id: id, model: $0.model, version: $0.version) : $0 }
            graph.edges = graph.edges.map { WorkflowEdge(from: $0.from == node.id ? id : $0.from, to: $0.to == node.id ? id : $0.to) }
            try section.env.service.checkWorkflow(section.env.session, in: section.ref.context, appID: section.ref.appID, graph: graph)
            return attempt(graph, select: id, message: "renamed \(node.id) to \(id)")
        default:
            return []
        }
    }

    private func add(_ model: String, _ version: String?, fedBy sources: [String]) -> [Reaction] {
        var graph = draft
        let id = graph.freeNodeID
        graph.nodes.append(WorkflowNode(id: id, model: model, version: version))
        graph.edges += sources.map { WorkflowEdge(from: $0, to: id) }
        return attempt(graph, select: id, message: "added \(id) (\(model))")
    }
}
