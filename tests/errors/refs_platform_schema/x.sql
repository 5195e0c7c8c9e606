-- A platform's schema (Supabase's auth) the files reference but do not
-- manage: left out of the run, it is not judged.
CREATE TABLE profiles (
    id uuid PRIMARY KEY REFERENCES auth.users (id) ON DELETE CASCADE,
    role auth.role_kind,
    created_by uuid DEFAULT auth.uid()
);
