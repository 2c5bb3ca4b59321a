export async function seedDemoFeedback() {}
