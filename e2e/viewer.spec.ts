// A viewer sees connectors but cannot change them.
import { expect, test } from "./fixtures";

test.use({ role: "viewer" });

test("a viewer sees the connector form read-only", async ({ page, user, seed, workspace }) => {
  const { id } = await seed.connector(workspace, {
    name: "Viewer SMS",
    url: "https://viewer.example/send",
    params: [{ key: "to", value: "{{destination}}" }],
    senders: [{ name: "VIEW", type: "promotional" }],
  });

  await page.goto("/settings/channel/sms");
  await expect(page.getByRole("note")).toContainText("You have view access");
  const list = page.getByRole("navigation", { name: "Connectors" });
  await expect(list.getByRole("button", { name: "Create custom connector" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Import/ })).toHaveCount(0);

  await list.getByRole("link", { name: /Viewer SMS/ }).click();
  await expect(page).toHaveURL(new RegExp(`connector=${id}$`));
  await expect(page.getByLabel("Connector name")).toHaveValue("Viewer SMS");
  await expect(page.getByLabel("Connector name")).toBeDisabled();
  await expect(page.getByLabel("Sender 1 name")).toBeDisabled();
  await expect(page.getByLabel("API URL")).toBeDisabled();
  await expect(page.getByLabel("Method")).toBeDisabled();
  await expect(page.getByLabel("URL parameter 1 value", { exact: true })).toBeDisabled();
  await expect(page.getByLabel("Sender 1 default")).toBeDisabled();
  // Row editing controls are left out altogether.
  for (const name of ["Add URL parameter", "Add sender", "Remove URL parameter 1", "Move URL parameter 1 down"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  for (const name of ["Save changes", "Create connector", "Delete", "Create custom connector"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  // Reading is allowed: the DLR URL and the export.
  await expect(page.getByRole("textbox", { name: "Delivery report URL" })).toHaveValue(/\/sms\/dlr\/custom\//);
  await page.getByRole("button", { name: "Export" }).click();
  const exportDialog = page.getByRole("dialog", { name: "Export “Viewer SMS”" });
  await expect(exportDialog.getByLabel("Connector JSON")).toHaveValue(/"name": "Viewer SMS"/);
  await exportDialog.getByRole("button", { name: "Close" }).click();

  // The Settings tab shows the workspace's suppression threshold.
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("suppression-threshold")).toHaveText("3");

  // A viewer cannot open a new connector form either.
  await page.goto("/settings/channel/sms?connector=new");
  await expect(page.getByLabel("Connector name")).toHaveCount(0);
});
