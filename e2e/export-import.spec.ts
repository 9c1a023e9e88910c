// Export a connector as JSON (secrets left out) and import it again; bad input is explained.
import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";

test.use({ role: "manager" });

const ORIGINAL = {
  name: "Round Trip SMS",
  kind: "custom",
  senders: [
    { name: "RT", type: "transactional", default: true },
    { name: "RTPROMO", type: "promotional", default: false },
  ],
  request: {
    method: "POST",
    url: "https://roundtrip.example/v1/messages",
    params: [{ key: "channel", value: "sms", secret: false }],
    headers: [{ key: "Authorization", value: "Bearer top-secret-token", secret: true }],
    body: {
      type: "json",
      fields: [
        { key: "to[0]", value: "{{destination}}", secret: false, valueType: "string" },
        { key: "message.text", value: "{{message}}", secret: false, valueType: "string" },
      ],
    },
  },
  response: { sentId: { from: "json", path: "messages[0].id" }, accepted: null },
  timeoutMs: 7000,
  throughputPerSecond: 15,
};

test("export a connector and import it back", async ({ page, user }) => {
  await page.goto("/settings/channel/sms");
  const list = page.getByRole("navigation", { name: "Connectors" });

  // Import: invalid JSON, then a schema error, then the real thing.
  await list.getByRole("button", { name: "Import from JSON…" }).click();
  const importDialog = page.getByRole("dialog", { name: "Import a connector" });
  const importBox = importDialog.getByLabel("Connector JSON");
  await importBox.fill("{ not json");
  await importDialog.getByRole("button", { name: "Import connector" }).click();
  await expect(importDialog.getByTestId("import-error")).toContainText("not valid JSON");
  await importBox.fill(JSON.stringify({ ...ORIGINAL, senders: [], request: { ...ORIGINAL.request, url: "not a url" } }));
  await importDialog.getByRole("button", { name: "Import connector" }).click();
  await expect(importDialog.getByTestId("import-error")).toContainText("senders: Add at least one sender");
  await expect(importDialog.getByTestId("import-error")).toContainText("request.url: Enter a full URL");
  await importBox.fill(JSON.stringify(ORIGINAL, null, 2));
  await importDialog.getByRole("button", { name: "Import connector" }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByTestId("toast").filter({ hasText: "Imported “Round Trip SMS”" })).toBeVisible();
  await expect(page.getByLabel("Connector name")).toHaveValue("Round Trip SMS");
  await expect(page.getByLabel("Header 1 value", { exact: true })).toHaveAttribute("placeholder", "Unchanged (saved secret)");

  // Export: the same configuration, without the secret value.
  await page.getByRole("button", { name: "Export" }).click();
  const exportDialog = page.getByRole("dialog", { name: "Export “Round Trip SMS”" });
  const exportBox = exportDialog.getByLabel("Connector JSON");
  await expect(exportBox).toHaveValue(/"name": "Round Trip SMS"/);
  const exportedText = await exportBox.inputValue();
  expect(exportedText).not.toContain("top-secret-token");
  expect(exportedText).not.toContain("••••••••");
  const exported = JSON.parse(exportedText);
  expect(exported.request.headers).toEqual([{ key: "Authorization", value: "", secret: true }]);
  expect(exported).toMatchObject({ ...ORIGINAL, request: { ...ORIGINAL.request, headers: [{ key: "Authorization", value: "", secret: true }] } });
  expect(exported.id).toBeUndefined();

  const [download] = await Promise.all([page.waitForEvent("download"), exportDialog.getByRole("button", { name: "Download .json" }).click()]);
  expect(download.suggestedFilename()).toBe("round-trip-sms.json");
  expect(JSON.parse(await readFile(await download.path(), "utf8"))).toEqual(exported);
  await exportDialog.getByRole("button", { name: "Close" }).click();

  // Importing it next to the original is refused: names are unique.
  await list.getByRole("button", { name: "Import from JSON…" }).click();
  await importBox.fill(exportedText);
  await importDialog.getByRole("button", { name: "Import connector" }).click();
  await expect(importDialog.getByTestId("import-error")).toContainText('A connector named "Round Trip SMS" already exists');
  await importDialog.getByRole("button", { name: "Cancel" }).click();

  // Delete the original and import the export: everything but the secret comes back.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete “Round Trip SMS”?" }).getByRole("button", { name: "Delete connector" }).click();
  await expect(list.getByText("No custom connectors yet.")).toBeVisible();
  await list.getByRole("button", { name: "Import from JSON…" }).click();
  await importBox.fill(exportedText);
  await importDialog.getByRole("button", { name: "Import connector" }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByLabel("Connector name")).toHaveValue("Round Trip SMS");
  await expect(page.getByLabel("Sender 2 name")).toHaveValue("RTPROMO");
  await expect(page.getByLabel("API URL")).toHaveValue("https://roundtrip.example/v1/messages");
  await expect(page.getByLabel("JSON field 2 key or path", { exact: true })).toHaveValue("message.text");
  await expect(page.getByLabel("JSON path")).toHaveValue("messages[0].id");
  await expect(page.getByLabel("Timeout")).toHaveValue("7000");
  const secret = page.getByLabel("Header 1 value", { exact: true });
  await expect(page.getByLabel("Header 1 secret", { exact: true })).toBeChecked();
  await expect(secret).toHaveValue("");
  await expect(secret).toHaveAttribute("placeholder", "Enter the secret value");
});
