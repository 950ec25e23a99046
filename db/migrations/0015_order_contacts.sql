CREATE TABLE `order_contacts` (
	`order_id` integer PRIMARY KEY NOT NULL,
	`sealed_email` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
