import Foundation
import OrgdeckCore
import Testing
@testable import OrgdeckViewModels

/// Inputs, Models, a model's page and Starred through the pane protocol: events in, whole state out.
@Suite struct ModelPanesTests {
    let fixture: Fixture
    let acme = Context.organization("acme")

    init() throws {
        fixture = try Fixture(orgApps: ["alpha"])
        var csv = "text,concepts\n"
        for i in 0..<30 { csv += i % 2 == 0 ? "refund my card \(i),billing\n" : "parcel is late \(i),shipping\n" }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-panes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(csv.utf8).write(to: folder.appendingPathComponent("t.csv"))
        _ = try fixture.service.uploadInputs(fixture.ada, in: acme, appID: "alpha", paths: [folder.path])
    }

    /// A console in acme on app alpha's section `index`.
    func app(_ index: Int, _ session: Session? = nil) -> ConsoleViewModel {
        let console = fixture.console(session)
        console.switchContext(acme)
        console.send(.open)
        console.send(.selectSection(index))
        return console
    }

    @Test func inputsPageSearchFilterLabelAndAskForAnUpload() throws {
        let console = app(1)
        let inputs = try #require(console.appDetail?.section as? InputsSection)
        #expect(inputs.state.total == 30 && inputs.state.exact && inputs.state.window.count == 30)
        console.send(.filter)
        console.type("refu")
        #expect(inputs.state.total == 15 && inputs.state.exact, "a window that reaches the end knows the count")
        console.send(.idle)
        #expect(inputs.state.exact && inputs.state.total == 15)
        console.send(.submit)
        console.send(.mark); console.send(.mark)
        #expect(inputs.state.marked.count == 2 && inputs.state.cursor == 2)
        console.send(.label)
        console.type("urgent")
        // A concept the app does not have is a row of its own, named as typed.
        guard case .picker(let picker) = console.state.overlay else { Issue.record("no concept picker"); return }
        #expect(picker.options.last?.label == "new concept \"urgent\"")
        console.send(.submit)
        #expect(console.state.flash == .info("2 labels added; created concept urgent") && inputs.state.marked.isEmpty)
        // The start of a known concept: the concept is under the cursor, creating comes last.
        console.send(.label)
        console.type("urg")
        guard case .picker(let again) = console.state.overlay else { Issue.record("no concept picker"); return }
        #expect(again.highlighted?.value == "urgent" && again.options.last?.label == "new concept \"urg\"")
        // A mark stays in sight when the filter no longer matches it.
        console.send(.text(" "))
        for _ in 0..<3 { console.send(.backspace) }
        console.type("zzz")
        guard case .picker(let marked) = console.state.overlay else { Issue.record("picker closed"); return }
        #expect(marked.marked == ["urgent"] && marked.options.contains { $0.value == "urgent" })
        console.send(.cancel)
        console.send(.toggleView)
        console.type("urgent")
        console.send(.submit)
        #expect(inputs.state.filter == .concept("urgent") && inputs.state.total == 2)
        console.send(.unlabel)
        console.send(.submit)
        #expect(console.state.flash == .info("1 label removed"))
        // Esc clears the kept search, then the concept filter, and only then leaves the page.
        #expect(console.focusCommands.prefix(2) == [PaneCommand(.nextFocus, "sections"), PaneCommand(.back, "clear search")])
        console.send(.back)
        #expect(inputs.state.search.isEmpty && inputs.state.filter == .concept("urgent"))
        #expect(console.focusCommands.prefix(2) == [PaneCommand(.nextFocus, "sections"), PaneCommand(.back, "clear filter")])
        console.send(.back)
        #expect(inputs.state.filter == .all && inputs.state.total == 30 && console.appDetail?.section is InputsSection)
        console.send(.upload)
        console.type("/nowhere/t.csv")
        console.send(.nextFocus)
        console.type("inbox")
        let effects = console.send(.submit)
        #expect(effects == [.job(.upload(UploadRequest(context: acme, appID: "alpha", paths: ["/nowhere/t.csv"], concepts: ["inbox"])))])
    }

    @Test func pagingKeepsTheCountedTotalAndAReloadRecountsIt() throws {
        var csv = "text\n"
        for i in 0..<400 { csv += "a long list entry \(i)\n" }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-paging-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: file)
        _ = try fixture.service.uploadInputs(fixture.ada, in: acme, appID: "alpha", paths: [file.path])
        let console = app(1)
        console.send(.viewport(rows: 12, columns: 100))
        let inputs = try #require(console.appDetail?.section as? InputsSection)
        #expect(inputs.state.total == 430 && inputs.state.exact)
        let extra = file.deletingPathExtension().appendingPathExtension("txt")
        try Data("one more entry\n".utf8).write(to: extra)
        _ = try fixture.service.uploadInputs(fixture.ada, in: acme, appID: "alpha", paths: [extra.path])
        for _ in 0..<30 { console.send(.pageDown) }
        #expect(inputs.state.windowOffset > 0, "paging read later windows")
        #expect(inputs.state.total == 430 && inputs.state.exact, "moving reads windows, not the count")
        _ = inputs.reload()
        #expect(inputs.state.total == 431 && inputs.state.exact)
    }

    @Test func aSearchIsBilledOnceWhenEnterKeepsIt() throws {
        func searches() throws -> Int64 {
            try fixture.service.billingBreakdown(fixture.ada, in: acme, by: .operation).first { $0.key == "search" }?.quantity ?? 0
        }
        let console = app(1)
        let inputs = try #require(console.appDetail?.section as? InputsSection)
        console.send(.filter)
        console.type("ref")
        console.send(.idle)
        console.type("und")
        console.send(.idle)
        #expect(try searches() == 0 && inputs.state.total == 15, "what shows while typing, pauses included, is a preview")
        console.send(.submit)
        #expect(try searches() == 1, "Enter keeps the search: one search billed")
        console.send(.filter)
        console.send(.submit)
        _ = inputs.reload()
        #expect(try searches() == 1, "the same search kept again, or read again, is not another")
        console.send(.filter)
        console.type(" my")
        console.send(.cancel)
        #expect(try searches() == 1, "Esc drops a search unbilled")
        // A kept search: the first Esc clears it, the next leaves the page.
        console.send(.filter); console.type("refund"); console.send(.submit)
        #expect(inputs.state.total == 15 && console.focusCommands.contains { $0.event == .back && $0.label == "clear search" })
        #expect(console.focusCommands.filter { $0.event == .back || $0.event == .cancel }.count == 1, "one Esc hint, saying what Esc does")
        console.send(.back)
        #expect(console.appDetail?.section === inputs && inputs.state.search.isEmpty && inputs.state.total == 30)
        console.send(.back)
        #expect(console.appDetail == nil)
    }

    @Test func aLongTextInputsDetailsSayWhatIsNotShown() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("orgdeck-long-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(("first line\nsecond line " + String(repeating: "x", count: 25_000)).utf8).write(to: file)
        _ = try fixture.service.uploadInputs(fixture.ada, in: acme, appID: "alpha", paths: [file.path])
        let input = try #require(try fixture.service.inputs(fixture.ada, in: acme, appID: "alpha", query: InputQuery(search: "second line"))
            .items.first)
        let text = try #require(InputsSection.details(input).last)
        #expect(text.label == "Text" && text.value.hasPrefix("first line\nsecond line"))
        #expect(text.value.hasSuffix("\n… and \(25_023 - InputsSection.textShown) more characters"), "a cut is said, not silent")
    }

    @Test func uploadReportsBecomeProgressAndAFlash() throws {
        let console = app(1)
        let start = Date(timeIntervalSince1970: 1_000)
        console.send(.job(.uploadStarted(appID: "alpha", expected: 1_000, at: start)))
        console.send(.job(.uploadProgress(UploadProgress(added: 400, duplicates: 100, refused: 0, path: "t.csv"),
                                          at: start.addingTimeInterval(2))))
        let upload = try #require(console.state.upload)
        #expect(upload.fraction == 0.5 && upload.rate == 250 && upload.secondsLeft == 2 && upload.isRunning)
        #expect(console.send(.upload).isEmpty && console.state.flash == nil, "the form opens; the second upload is refused on submit")
        console.send(.cancel)
        _ = console.send(.cancelJob)
        #expect(console.state.upload?.cancelling == true)
        let report = UploadReport(added: 500, duplicates: 100, refused: [InputRefusal(path: "t.csv", line: 9, reason: "not UTF-8")],
                                  cancelled: true)
        console.send(.job(.uploadFinished(appID: "alpha", report: report, error: nil, at: start.addingTimeInterval(3))))
        #expect(console.state.flash == .warn("upload to alpha cancelled: 500 added, 100 duplicates, 1 refused; first refused: t.csv:9: not UTF-8"))
        #expect(console.state.upload?.isRunning == false)
    }

    @Test func aTrainingToStopIsNotGreyedForWantOfAnUpload() throws {
        _ = try fixture.service.createModel(fixture.ada, in: acme, appID: "alpha", id: "router", name: "Router", type: .textClassifier)
        _ = try fixture.service.trainModel(fixture.ada, in: acme, appID: "alpha", modelID: "router")
        let console = app(3)
        console.send(.open)
        let page = try #require(console.front as? ModelPageViewModel)
        while !(page.section is VersionsSection) { console.send(.nextFocus) }
        let stop = try #require(console.focusCommands.first { $0.event == .cancelJob })
        #expect(stop.label == "stop training" && stop.refusal == nil, "x stops the queued training: \(stop)")
        #expect(console.helpSections.first?.commands.first { $0.event == .cancelJob }?.refusal == nil, "help says the same")
    }

    @Test func modelsAreCreatedWithATypePickerTrainedAndOpened() throws {
        let console = app(3)
        let models = try #require(console.appDetail?.section as? ModelsSection)
        console.send(.new)
        console.send(.submit)  // text-classifier, the first type
        console.type("router")
        #expect(console.send(.submit).isEmpty)
        #expect(models.state.list.rows.map(\.id) == ["router"])
        // Training is billed per input: T says how many and about how much first.
        #expect(console.send(.train).isEmpty)
        guard case .confirm(let confirm) = console.state.overlay else { Issue.record("no question before training"); return }
        #expect(confirm.message.hasPrefix("Train router on ") && confirm.message.contains("labelled inputs? Each is billed"),
                "\(confirm.message)")
        let effects = console.send(.submit)
        #expect(effects == [.job(.wakeTrainer)] && console.state.flash == .info("router v1 queued for training"))
        _ = try fixture.service.runNextTrainingJob(worker: "test:1:00")
        console.send(.job(.trainingFinished(TrainingOutcome(appID: "alpha", modelID: "router",
            version: try #require(try fixture.service.versions(fixture.ada, in: acme, appID: "alpha", modelID: "router").first)))))
        #expect(console.state.flash?.text.hasPrefix("router v1 trained, accuracy") == true)
        #expect(console.state.flash?.text.hasSuffix("held-out inputs: label more inputs for a measure to trust") == true,
                "30 inputs leave a handful to measure on, and the flash says so: \(console.state.flash?.text ?? "")")
        #expect(console.focusCommands.contains(PaneCommand(.star, "star")))
        console.send(.star)
        #expect(models.state.list.selected?.starred == true)
        #expect(console.focusCommands.contains(PaneCommand(.star, "unstar")), "s says what it does to the row under the cursor")
        console.send(.open)
        let page = try #require(console.front as? ModelPageViewModel)
        #expect(page.state.model?.latestTrained?.number == 1)
        console.send(.open)
        console.type("my refund")
        let predict = try #require(page.section as? PredictSection)
        #expect(predict.state.result?.concepts.first?.concept == "billing")
        console.send(.cancel)
        console.send(.nextFocus)
        let versions = try #require(page.section as? VersionsSection)
        #expect(versions.state.list.rows.map(\.number) == [1])
        let finished = "version 1 is already \(versions.state.list.rows[0].status.rawValue)"
        #expect(console.focusCommands.first { $0.label == "stop training" }?.refusal == finished, "greyed with the reason")
        console.send(.cancelJob)
        #expect(console.state.flash == .warn(finished))
        console.send(.nextFocus)
        let concepts = try #require(page.section as? ModelConceptsSection)
        #expect(concepts.state.list.rows.map(\.concept) == ["billing", "shipping"])
    }

    @Test func aConceptThresholdersThresholdsAreSetWhenCreatedAndEdited() throws {
        let console = app(3)
        let models = try #require(console.appDetail?.section as? ModelsSection)
        console.send(.new)
        let types = try #require(console.pickerState)
        console.send(.selectIndex(try #require(types.visible.firstIndex { $0.value == ModelType.conceptThresholder.rawValue })))
        console.send(.submit)
        #expect(console.formState?.value("threshold") == "0.5", "the standard threshold, shown where it can be changed")
        console.fill(["gate", "", "0.7,billing=0.9"])
        console.send(.submit)
        #expect(console.state.overlay == .none)
        let created = try fixture.service.model(fixture.ada, in: acme, appID: "alpha", id: "gate")
        #expect(created.thresholds == ConceptThresholds(defaultThreshold: 0.7, perConcept: ["billing": 0.9]))
        console.send(.selectIndex(try #require(models.state.list.rows.firstIndex { $0.id == "gate" })))
        console.send(.edit)
        #expect(console.formState?.value("threshold") == "0.7,billing=0.9")
        console.fill(["Gate", "2"])
        console.send(.submit)
        #expect(console.formState?.error == "2 is not a threshold: write 0.6, or billing=0.7,shipping=0.4 (from 0 to 1)", "the form stays")
        console.fill(["Gate", "0.6"])
        console.send(.submit)
        #expect(try fixture.service.model(fixture.ada, in: acme, appID: "alpha", id: "gate").thresholds == ConceptThresholds(defaultThreshold: 0.6))
    }

    @Test func anOrganizationUserPredictsButIsRefusedTrainingOnTheKey() throws {
        _ = try fixture.service.createModel(fixture.ada, in: acme, appID: "alpha", id: "router", name: "", type: .textClassifier)
        let console = app(3, fixture.bob)
        #expect(console.send(.train).isEmpty)
        #expect(console.state.flash == .warn("training models requires role Admin or Organization Contributor"))
        #expect(console.send(.new).isEmpty && console.front?.dialog == nil)
    }

    @Test func starredListsModelsAcrossAppsOpensAndUnstars() throws {
        _ = try fixture.service.createModel(fixture.ada, in: acme, appID: "alpha", id: "router", name: "", type: .textClassifier)
        _ = try fixture.service.starModel(fixture.ada, in: acme, appID: "alpha", id: "router", starred: true)
        let console = fixture.console()
        console.send(.selectPane(.starred))
        let starred = try #require(console.front as? StarredPane)
        #expect(starred.state.list.rows.map(\.listID) == ["model:acme/alpha/router"])
        console.send(.open)
        #expect(console.state.screen == .model(ModelRef(context: acme, appID: "alpha", modelID: "router")))
        console.send(.back)
        console.send(.star)
        #expect(starred.state.list.rows.isEmpty && console.state.flash == .info("unstarred router"))
    }
}
