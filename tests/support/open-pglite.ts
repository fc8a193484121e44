// Child process for the lock test: tries to open the embedded database in argv[2].
import { openDatabase } from "../../db";

try {
  const handle = await openDatabase({ dataDir: process.argv[2] });
  console.log("opened");
  await handle.close();
  process.exit(0);
} catch (error) {
  console.log((error as Error).message);
  process.exit(1);
}
