ALTER TABLE `tracking_events` ADD `estimated_date` text;--> statement-breakpoint
ALTER TABLE `tracking_events` ADD `pickup_location` text;--> statement-breakpoint
ALTER TABLE `tracking_events` ADD `pickup_hours` text;--> statement-breakpoint
ALTER TABLE `tracking_events` ADD `pickup_by` text;--> statement-breakpoint
ALTER TABLE `problem_reports` ADD `problem` text DEFAULT 'not_received' NOT NULL;