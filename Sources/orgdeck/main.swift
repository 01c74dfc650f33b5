import OrgdeckCLI

OrgdeckMain.run()
