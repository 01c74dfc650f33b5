print("orgdeck-bench")
